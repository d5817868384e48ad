package dk.albertslund.signage.feed;

import io.micronaut.core.annotation.Nullable;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import dk.albertslund.signage.core.CampusTime;

/**
 * "Starts in 20 min" on a slide. An announcement's body is fixed when it is imported, so a
 * template that asks for {@code {{startsIn}}} gets a marker naming the start instant; whoever
 * shows the body (the kiosk manifest, the outward feeds) turns the marker into words for the
 * moment it is built, and asks to be built again when the words change: once an hour
 * before the start, then every minute until it.
 */
public final class StartsIn {

    private static final Pattern MARKER = Pattern.compile("\\[\\[starts-in (\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(?::\\d\\d)?Z)]]");
    static final Duration COUNTDOWN = Duration.ofHours(1);

    private StartsIn() {
    }

    /** What the template writes for {@code {{startsIn}}}. */
    static String marker(Instant start) {
        return "[[starts-in " + start.truncatedTo(java.time.temporal.ChronoUnit.SECONDS) + "]]";
    }

    public static boolean hasMarker(String text) {
        return text.contains("[[starts-in ");
    }

    /** The text with every marker put into words for {@code now}, in Danish or English. */
    public static String render(String text, String language, Instant now, ZoneId zone) {
        if (!hasMarker(text)) {
            return text;
        }
        Matcher m = MARKER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(phrase(Instant.parse(m.group(1)), language, now, zone)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static String phrase(Instant start, String language, Instant now, ZoneId zone) {
        boolean da = "da".equals(language);
        Duration left = Duration.between(now, start);
        if (left.isNegative() || left.isZero()) {
            return da ? "i gang nu" : "on now";
        }
        if (left.compareTo(COUNTDOWN) > 0) {
            var local = start.atZone(zone);
            String lang = da ? "da" : "en";
            return (da ? "starter " : "starts ") + CampusTime.dayMonth(local.toLocalDate(), lang)
                    + (da ? " kl. " : " at ") + CampusTime.time(local.toLocalTime(), lang);
        }
        long minutes = (left.toSeconds() + 59) / 60;
        return da ? "starter om " + minutes + " min" : "starts in " + minutes + " min";
    }

    /** When the words of the text's markers next change after {@code now}; null when they never will. */
    public static @Nullable Instant nextChange(String text, Instant now) {
        Instant next = null;
        Matcher m = MARKER.matcher(text);
        while (m.find()) {
            Instant start = Instant.parse(m.group(1));
            Duration left = Duration.between(now, start);
            Instant change;
            if (left.isNegative() || left.isZero()) {
                continue;
            } else if (left.compareTo(COUNTDOWN) > 0) {
                change = start.minus(COUNTDOWN);
            } else {
                long minutes = (left.toSeconds() + 59) / 60;
                change = start.minus(Duration.ofMinutes(minutes - 1));
                if (!change.isAfter(now)) {
                    change = start;
                }
            }
            if (next == null || change.isBefore(next)) {
                next = change;
            }
        }
        return next;
    }
}
