package dk.albertslund.signage.web;

import io.micronaut.core.io.Writable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.core.order.Ordered;
import io.micronaut.views.ModelAndView;
import io.micronaut.views.ModelAndViewRenderer;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;

/**
 * Errors on staff pages are pages too: the problem the API would answer (no such page,
 * not allowed, the form expired, a server error with its log reference) is shown in the
 * layout, in the person's language, without a stack trace. Pages that answer an error
 * status with their own view (a form with its errors) are left alone.
 */
@ServerFilter("/admin/**")
final class HtmlErrorPages implements Ordered {

    static final String VIEW = "error";

    private final ModelAndViewRenderer<Map<String, Object>, HttpRequest<?>> renderer;

    HtmlErrorPages(ModelAndViewRenderer<Map<String, Object>, HttpRequest<?>> renderer) {
        this.renderer = renderer;
    }

    @ResponseFilter
    MutableHttpResponse<?> render(HttpRequest<?> request, MutableHttpResponse<?> response) {
        int status = response.code();
        if (status < 400 || !(response.getBody().isEmpty() || response.getBody().get() instanceof Problem)) {
            return response;
        }
        Message detail = response.getBody(Problem.class).map(Problem::detail).orElse(null);
        List<Problem.FieldError> errors = response.getBody(Problem.class).map(Problem::errors).orElse(List.of());
        String key = switch (status) {
            case 400, 403, 404, 409, 413, 429, 503 -> "error." + status;
            default -> status >= 500 ? "error.500" : "error.other";
        };
        ModelAndView<Map<String, Object>> page = Pages.page(VIEW, new ErrorPage(status, key + ".heading", key + ".advice", detail, errors));
        Optional<Writable> html = renderer.render(page, request, MediaType.TEXT_HTML);
        if (html.isEmpty()) {
            return response;
        }
        StringWriter out = new StringWriter();
        try {
            html.get().writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return response.body(out.toString()).contentType(MediaType.TEXT_HTML_TYPE);
    }

    @Override
    public int getOrder() {
        // outside the security filters, so a refusal by them is turned into a page too
        return ServerFilterPhase.FIRST.before();
    }
}
