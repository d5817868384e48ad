package dk.albertslund.signage.core;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The body of every error response (RFC 9457 "problem details"): what went wrong in
 * words, and for bad input each field with what is wrong with it. The words are
 * {@link Message}s: English in the JSON, the page's language on a staff page.
 */
@Serdeable
public record Problem(String type, String title, int status, @Nullable Message detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    @Serdeable
    public record FieldError(String field, Message message) {

        public FieldError(String field, String key, Object... args) {
            this(field, Message.of(key, args));
        }
    }

    /** The first message about this field, for showing it beside the field; null if none. */
    @Nullable
    public static Message messageFor(List<FieldError> errors, String field) {
        return errors.stream().filter(e -> e.field().equals(field)).map(FieldError::message).findFirst().orElse(null);
    }
}
