package dk.albertslund.signage.feed;

import io.micronaut.core.annotation.Nullable;

/** A feed that cannot be read: what is wrong, and on which line when the parser knows. */
public final class FeedParseException extends Exception {

    private final Integer line;

    FeedParseException(String message, @Nullable Integer line) {
        super(message, null, false, false);
        this.line = line;
    }

    public @Nullable Integer line() {
        return line;
    }
}
