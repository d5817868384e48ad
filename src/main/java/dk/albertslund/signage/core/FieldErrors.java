package dk.albertslund.signage.core;

import java.util.ArrayList;
import java.util.List;

/** Collects every problem with a command before refusing it, so the caller sees them all at once. */
public final class FieldErrors {

    private final List<Problem.FieldError> errors = new ArrayList<>();

    /** What is wrong with {@code field}: a key of {@code i18n/problems_*.properties} and its arguments. */
    public FieldErrors add(String field, String key, Object... args) {
        return add(field, Message.of(key, args));
    }

    public FieldErrors add(String field, Message message) {
        errors.add(new Problem.FieldError(field, message));
        return this;
    }

    public boolean has(String field) {
        return errors.stream().anyMatch(e -> e.field().equals(field));
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }

    /** Throws a 400 naming every collected field, if there is any. */
    public void throwIfAny() {
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
    }
}
