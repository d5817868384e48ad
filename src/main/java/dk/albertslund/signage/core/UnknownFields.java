package dk.albertslund.signage.core;

import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A field a request body sent that its type does not have ({@link Strict}), as a field
 * error that names it and, when one is close, the field meant: {@code start_date} is
 * {@code startDate}, {@code prio} is {@code priority}.
 */
public final class UnknownFields {

    /** How the JSON reader says it (Micronaut Serde: "Unknown property [prio] encountered …"). */
    private static final Pattern UNKNOWN = Pattern.compile("Unknown property \\[([^\\]]{0,200})]");

    private UnknownFields() {
    }

    /** The unknown field a refused body carried, if that is why it was refused. */
    public static Optional<String> named(Throwable refusal) {
        for (Throwable t = refusal; t != null; t = t.getCause() == t ? null : t.getCause()) {
            Matcher m = t.getMessage() == null ? null : UNKNOWN.matcher(t.getMessage());
            if (m != null && m.find()) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    /** The error for {@code field} on a body whose fields are {@code known}. */
    public static Problem.FieldError error(String field, Collection<String> known) {
        return closest(field, known)
                .map(meant -> new Problem.FieldError(field, Message.of("field.unknown", meant)))
                .orElseGet(() -> new Problem.FieldError(field, Message.of("field.unknownNoneClose",
                        String.join(", ", known.stream().sorted().toList()))));
    }

    /**
     * The known name the caller most likely meant: the same letters in another case or
     * with _ or - (snake or kebab case), a beginning of it of three letters or more, or at
     * most two letters off (a typo); none when nothing is that close.
     */
    static Optional<String> closest(String field, Collection<String> known) {
        String plain = plain(field);
        List<String> candidates = known.stream().sorted().toList();
        for (String name : candidates) {
            if (plain(name).equals(plain)) {
                return Optional.of(name);
            }
        }
        if (plain.length() >= 3) {
            Optional<String> started = candidates.stream().filter(name -> plain(name).startsWith(plain)).findFirst();
            if (started.isPresent()) {
                return started;
            }
        }
        return candidates.stream()
                .filter(name -> distance(plain(name), plain) <= Math.min(2, plain.length() / 3))
                .min(Comparator.comparingInt(name -> distance(plain(name), plain)));
    }

    private static String plain(String name) {
        return name.replace("_", "").replace("-", "").toLowerCase(Locale.ROOT);
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int change = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + change);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
