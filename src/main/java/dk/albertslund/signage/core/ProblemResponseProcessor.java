package dk.albertslund.signage.core;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.UUID;

/**
 * Every error Micronaut produces itself (no route, bad JSON, missing argument, 401,
 * 500) becomes a problem body. Server errors never carry their message: it may hold
 * SQL or a stack detail, so it is logged under a reference the caller can quote.
 */
@Singleton
@Replaces(ErrorResponseProcessor.class)
final class ProblemResponseProcessor implements ErrorResponseProcessor<Problem> {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemResponseProcessor.class);

    @Override
    public MutableHttpResponse<Problem> processResponse(ErrorContext context, MutableHttpResponse<?> response) {
        int status = response.code();
        String title = response.reason();
        Problem problem;
        if (status >= 500) {
            String reference = UUID.randomUUID().toString().substring(0, 8);
            context.getRootCause().ifPresentOrElse(
                    cause -> LOG.error("Request {} {} failed (reference {})", context.getRequest().getMethod(),
                            context.getRequest().getPath(), reference, cause),
                    () -> LOG.error("Request {} {} failed (reference {}): {}", context.getRequest().getMethod(),
                            context.getRequest().getPath(), reference, messages(context)));
            problem = new Problem("about:blank", title, status, Message.of("problem.serverError", reference), List.of());
        } else {
            List<Problem.FieldError> errors = context.getErrors().stream()
                    .filter(e -> e.getPath().isPresent())
                    .map(e -> new Problem.FieldError(e.getPath().get(), Message.verbatim(e.getMessage())))
                    .toList();
            // the framework's own words (English) when there is no field to name
            Message detail = errors.isEmpty() ? Message.verbatim(messages(context)) : Message.of("problem.invalidFields");
            problem = new Problem("about:blank", title, status, detail, errors);
        }
        return response.body(problem).contentType(Problem.MEDIA_TYPE);
    }

    private static String messages(ErrorContext context) {
        return String.join(" ", context.getErrors().stream().map(e -> e.getMessage()).toList());
    }
}
