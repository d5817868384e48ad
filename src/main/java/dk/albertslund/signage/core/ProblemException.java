package dk.albertslund.signage.core;

import java.util.List;

/**
 * A refusal that the caller can act on: the status, a {@link Message}, and for bad input
 * the fields concerned. Services throw it; one handler turns it into a {@link Problem}.
 * Its exception message is the English wording, for logs.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String title;
    private final Message detail;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String title, Message detail, List<Problem.FieldError> errors) {
        super(detail.english(), null, false, false);
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    /** A 404; the message says what was not found, e.g. {@code playlist.notFound} "No playlist 'x'.". */
    public static ProblemException notFound(String key, Object... args) {
        return new ProblemException(404, "Not Found", Message.of(key, args), List.of());
    }

    public static ProblemException conflict(String key, Object... args) {
        return conflict(Message.of(key, args));
    }

    public static ProblemException conflict(Message detail) {
        return new ProblemException(409, "Conflict", detail, List.of());
    }

    public static ProblemException forbidden(String key, Object... args) {
        return new ProblemException(403, "Forbidden", Message.of(key, args), List.of());
    }

    public static ProblemException badRequest(String field, String key, Object... args) {
        return invalid(List.of(new Problem.FieldError(field, key, args)));
    }

    public static ProblemException invalid(List<Problem.FieldError> errors) {
        return new ProblemException(400, "Bad Request", Message.of("problem.invalidFields"), errors);
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** What the refusal says, to be worded where it is shown. */
    public Message detail() {
        return detail;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
