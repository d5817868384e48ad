package dk.albertslund.signage.core;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.convert.exceptions.ConversionErrorException;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.transaction.exceptions.TransactionException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.core.type.Argument;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.server.exceptions.ConversionErrorHandler;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.validation.exceptions.ConstraintExceptionHandler;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/** Turns exceptions into problem responses; the only place that does so. */
final class ProblemHandlers {

    private static final Logger LOG = LoggerFactory.getLogger(ProblemHandlers.class);

    private ProblemHandlers() {
    }

    static HttpResponse<Problem> respond(Problem problem) {
        return HttpResponse.<Problem>status(HttpStatus.valueOf(problem.status()))
                .body(problem)
                .contentType(Problem.MEDIA_TYPE);
    }

    @Produces
    @Singleton
    static final class Refusals implements ExceptionHandler<ProblemException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ProblemException e) {
            return respond(new Problem("about:blank", e.title(), e.status(), e.detail(), e.errors()));
        }
    }

    /** Bean validation on request bodies: field names without the method and argument prefix. */
    @Produces
    @Singleton
    @Replaces(ConstraintExceptionHandler.class)
    static final class Constraints implements ExceptionHandler<ConstraintViolationException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConstraintViolationException e) {
            List<Problem.FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> violation : e.getConstraintViolations()) {
                // the validator's own words (English), as the API has always said them
                errors.add(new Problem.FieldError(field(violation.getPropertyPath()), Message.verbatim(violation.getMessage())));
            }
            errors.sort(Comparator.comparing(Problem.FieldError::field));
            return respond(new Problem("about:blank", "Bad Request", 400, Message.of("problem.invalidFields"), errors));
        }

        private static String field(Path path) {
            List<String> names = new ArrayList<>();
            for (Path.Node node : path) {
                if (node.getKind() == jakarta.validation.ElementKind.METHOD
                        || node.getKind() == jakarta.validation.ElementKind.PARAMETER && names.isEmpty() && isBody(node)) {
                    continue;
                }
                String name = node.getName();
                if (node.getIndex() != null && !names.isEmpty()) {
                    names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
                }
                if (name != null && !name.isEmpty() && node.getKind() != jakarta.validation.ElementKind.CONTAINER_ELEMENT) {
                    names.add(name);
                }
            }
            return names.isEmpty() ? "body" : String.join(".", names);
        }

        private static boolean isBody(Path.Node node) {
            return isBodyName(node.getName());
        }

        static boolean isBodyName(String name) {
            // Request bodies are named "request", "command" or "body" by convention here; the
            // caller knows the JSON, not our parameter name.
            return "request".equals(name) || "command".equals(name) || "body".equals(name) || "form".equals(name);
        }
    }

    /**
     * A value in the URL or query that is not of the right type, e.g. ?page=abc, or a JSON
     * body that parses but does not bind ({@code [1]} where an object is expected).
     * Micronaut has its own handler for the same exception; with two candidates it threw
     * NonUniqueBeanException and every such request became a logged 500, so this one
     * replaces it.
     */
    @Produces
    @Singleton
    @Replaces(ConversionErrorHandler.class)
    static final class Conversions implements ExceptionHandler<ConversionErrorException, HttpResponse<Problem>> {
        @Override
        public HttpResponse<Problem> handle(HttpRequest request, ConversionErrorException e) {
            Argument<?> argument = e.getArgument();
            boolean body = argument.getAnnotationMetadata().hasAnnotation(Body.class) || Constraints.isBodyName(argument.getName());
            LOG.info("Refused {} {}: {} does not bind", request.getMethod(), request.getPath(), body ? "the body" : argument.getName());
            java.util.Optional<String> unknown = body ? UnknownFields.named(e) : java.util.Optional.empty();
            if (unknown.isPresent()) {
                List<String> known = io.micronaut.core.beans.BeanIntrospector.SHARED.findIntrospection(argument.getType())
                        .map(introspection -> introspection.getBeanProperties().stream().map(p -> p.getName()).toList())
                        .orElse(List.of());
                return respond(new Problem("about:blank", "Bad Request", 400, Message.of("problem.invalidFields"),
                        List.of(UnknownFields.error(unknown.get(), known))));
            }
            if (body) {
                // the caller sent JSON we cannot read as this request; name the body, not our parameter
                return respond(new Problem("about:blank", "Bad Request", 400, Message.of("problem.bodyNotBound"),
                        List.of(new Problem.FieldError("body", "field.notBound"))));
            }
            String type = argument.getType().getSimpleName().toLowerCase(Locale.ROOT);
            return respond(new Problem("about:blank", "Bad Request", 400, Message.of("problem.invalidFields"),
                    List.of(new Problem.FieldError(argument.getName(), "field.notValidType", type))));
        }
    }

    /**
     * The database refused a write. Services check first, so this is the race between two
     * writers: unique slugs become 409, broken references and checks 409/400, with the
     * constraint's column named and never the SQL.
     */
    @Produces
    @Singleton
    @Requires(classes = DataAccessException.class)
    static final class Database implements ExceptionHandler<DataAccessException, HttpResponse<Problem>> {

        private final DatabaseStatus status;

        Database(DatabaseStatus status) {
            this.status = status;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, DataAccessException e) {
            if (status.failed(e)) {
                    return Unavailable.response("problem.databaseAway");
            }
            PSQLException psql = find(e);
            if (psql != null && psql.getSQLState() != null) {
                ServerErrorMessage server = psql.getServerErrorMessage();
                String constraint = server == null || server.getConstraint() == null ? "" : server.getConstraint();
                switch (psql.getSQLState()) {
                    case "23505":
                        return respond(new Problem("about:blank", "Conflict", 409,
                                Message.of("problem.duplicate", column(constraint)),
                                List.of(new Problem.FieldError(column(constraint), "field.taken"))));
                    case "23503":
                        return respond(new Problem("about:blank", "Conflict", 409, Message.of("problem.reference"), List.of()));
                    case "22021":
                        // a NUL in a JSON string: PostgreSQL text cannot hold it
                        return respond(new Problem("about:blank", "Bad Request", 400,
                                Message.of("problem.characterNotAllowed"), List.of()));
                    case "23514":
                    case "22001":
                    case "22P02":
                        return respond(new Problem("about:blank", "Bad Request", 400, constraint.isEmpty()
                                ? Message.of("problem.notAllowed") : Message.of("problem.notAllowedBy", constraint), List.of()));
                    default:
                        break;
                }
            }
            return serverError(request, e);
        }

        private static PSQLException find(Throwable e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof PSQLException p) {
                    return p;
                }
                if (t instanceof SQLException s && s.getNextException() instanceof PSQLException p) {
                    return p;
                }
            }
            return null;
        }

        /** "announcement_slug_key" → "slug". */
        private static String column(String constraint) {
            String name = constraint.endsWith("_key") ? constraint.substring(0, constraint.length() - 4) : constraint;
            int underscore = name.indexOf('_');
            return underscore < 0 || underscore == name.length() - 1 ? "value" : name.substring(underscore + 1);
        }
    }

    /** A 500 that names a reference the caller can quote, with the cause logged under it. */
    static HttpResponse<Problem> serverError(HttpRequest<?> request, Throwable e) {
        String reference = UUID.randomUUID().toString().substring(0, 8);
        LOG.error("Request {} {} failed (reference {})", request.getMethod(), request.getPath(), reference, e);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                Message.of("problem.serverError", reference), List.of()));
    }

    /**
     * No connection or no transaction could be had: when the database is away this is a
     * 503 with Retry-After, without a stack trace (the outage is logged once by
     * {@link DatabaseStatus}), instead of a 500 per request (docs/OPERATIONS.md).
     * Micronaut throws three unrelated exception types for it, hence one handler each.
     */
    abstract static class Outages<E extends Throwable> implements ExceptionHandler<E, HttpResponse<Problem>> {

        private final DatabaseStatus status;

        Outages(DatabaseStatus status) {
            this.status = status;
        }

        @Override
        public HttpResponse<Problem> handle(HttpRequest request, E e) {
            return status.failed(e) ? Unavailable.response(status.available() ? "problem.busy" : "problem.databaseAway")
                    : serverError(request, e);
        }
    }

    @Produces
    @Singleton
    static final class NoConnection extends Outages<ConnectionException> {
        NoConnection(DatabaseStatus status) {
            super(status);
        }
    }

    @Produces
    @Singleton
    static final class NoJdbcConnection extends Outages<CannotGetJdbcConnectionException> {
        NoJdbcConnection(DatabaseStatus status) {
            super(status);
        }
    }

    @Produces
    @Singleton
    static final class NoTransaction extends Outages<TransactionException> {
        NoTransaction(DatabaseStatus status) {
            super(status);
        }
    }
}
