package dk.albertslund.signage.core;

import com.fasterxml.jackson.annotation.JsonValue;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.media.Schema;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Something the server tells a person, said once and worded at the edge: a key of the
 * message bundles ({@code i18n/problems_*.properties} for refusals) and its arguments. The
 * API words it in English, a staff page in the page's language ({@link #in}).
 *
 * <p>An argument is a {@link String} (a name, a slug, a number written out, so it is never
 * grouped as "1,000"), or a {@code Message} that is part of the sentence and is worded in
 * the same language, e.g. each thing that still uses a playlist.
 *
 * <p>In JSON a message is its English wording, as every API text is.
 */
@Serdeable
@Schema(type = "string")
public record Message(String key, List<Object> args) {

    /** The key of a text that is not ours (a library's, the framework's): shown as it is, in every language. */
    public static final String VERBATIM = "verbatim";

    public Message {
        Objects.requireNonNull(key, "key");
        for (Object arg : args) {
            if (!(arg instanceof String) && !(arg instanceof Message)) {
                throw new IllegalArgumentException("an argument is a String or a Message, not " + arg);
            }
        }
        args = List.copyOf(args);
    }

    public static Message of(String key, Object... args) {
        List<Object> kept = new ArrayList<>(args.length);
        for (Object arg : args) {
            kept.add(arg instanceof Message m ? m : String.valueOf(arg));
        }
        return new Message(key, kept);
    }

    /** A text from outside the code (a library's exception, the framework's error), shown as it is in every language. */
    public static Message verbatim(String text) {
        return of(VERBATIM, text);
    }

    /** Two parts of a sentence side by side, e.g. "A; B": the bundles word the joint ({@code list.semicolon}, {@code list.and}). */
    public static Message joined(String joint, List<Message> parts) {
        Message joined = parts.get(parts.size() - 1);
        for (int i = parts.size() - 2; i >= 0; i--) {
            joined = of(joint, parts.get(i), joined);
        }
        return joined;
    }

    /** The message in {@code language} ("da" or "en"). */
    public String in(String language) {
        return MessageBundles.render(language, this);
    }

    /** The message as the API says it. */
    @JsonValue
    public String english() {
        return in("en");
    }
}
