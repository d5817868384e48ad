package dk.albertslund.signage.web;

import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Instants as staff read them on a page: in the campus time zone, in the page's language
 * ("28. nov. 2026 kl. 14.30", "28 Nov 2026, 14:30"), and as the value of a
 * {@code datetime-local} input ("2026-11-28T14:30").
 */
@Singleton
public class CampusDates {

    private static final DateTimeFormatter DANISH = DateTimeFormatter.ofPattern("d. MMM yyyy 'kl.' HH.mm", Locale.forLanguageTag("da"));
    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ZoneId zone;

    public CampusDates(SignageConfiguration configuration) {
        this.zone = configuration.getTimeZone();
    }

    public ZoneId zone() {
        return zone;
    }

    /** The instant in words of the language; null stays null, so a template can show "–" instead. */
    @Nullable
    public String text(String lang, @Nullable Instant instant) {
        if (instant == null) {
            return null;
        }
        return ("en".equals(lang) ? ENGLISH : DANISH).format(instant.atZone(zone));
    }

    /** The value of a datetime-local input showing this instant, to the minute. */
    @Nullable
    public String input(@Nullable Instant instant) {
        return instant == null ? null : INPUT.format(instant.atZone(zone).truncatedTo(ChronoUnit.MINUTES));
    }

    /** A datetime-local value ("2026-11-28T14:30", seconds allowed) as campus wall-clock time; null if it is not one. */
    @Nullable
    public Instant parseInput(@Nullable String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (java.time.format.DateTimeParseException e) {
            return null;
        }
    }
}
