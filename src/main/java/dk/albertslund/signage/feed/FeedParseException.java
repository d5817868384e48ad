package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;

/** A feed that cannot be read: what is wrong, and on which line when the parser knows. */
public final class FeedParseException extends Exception {

    private final Message reason;
    private final Integer line;

    FeedParseException(Message reason, @Nullable Integer line) {
        super(reason.english(), null, false, false);
        this.reason = reason;
        this.line = line;
    }

    /** What is wrong, to be worded where it is shown; the exception message is the English wording. */
    public Message reason() {
        return reason;
    }

    public @Nullable Integer line() {
        return line;
    }
}
