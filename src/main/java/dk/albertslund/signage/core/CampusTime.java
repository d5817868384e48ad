package dk.albertslund.signage.core;

import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Dates and times as people read them, in the campus time zone and the reader's language:
 * "28. nov. 2026 kl. 14.30" in Danish, "28 Nov 2026, 14:30" in English. The one place that
 * writes dates for staff pages, kiosk words and feeds; Danish times are written with a
 * full stop (09.47), as Danish readers expect.
 */
@Singleton
public class CampusTime {

    private static final Locale DANISH = Locale.forLanguageTag("da");
    private static final Locale ENGLISH = Locale.UK;

    private static final DateTimeFormatter DA_DATE = DateTimeFormatter.ofPattern("d. MMM yyyy", DANISH);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", ENGLISH);
    private static final DateTimeFormatter DA_DAY = DateTimeFormatter.ofPattern("EEEE d. MMM", DANISH);
    private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("EEEE d MMM", ENGLISH);
    private static final DateTimeFormatter DA_SHORT_DAY = DateTimeFormatter.ofPattern("d. MMM", DANISH);
    private static final DateTimeFormatter EN_SHORT_DAY = DateTimeFormatter.ofPattern("d MMM", ENGLISH);
    private static final DateTimeFormatter DA_WEEKDAY_DATE = DateTimeFormatter.ofPattern("EEE d. MMM yyyy", DANISH);
    private static final DateTimeFormatter EN_WEEKDAY_DATE = DateTimeFormatter.ofPattern("EEE d MMM yyyy", ENGLISH);
    private static final DateTimeFormatter DA_LONG_DAY = DateTimeFormatter.ofPattern("EEEE d. MMMM", DANISH);
    private static final DateTimeFormatter EN_LONG_DAY = DateTimeFormatter.ofPattern("EEEE d MMMM", ENGLISH);
    private static final DateTimeFormatter DA_DAY_MONTH = DateTimeFormatter.ofPattern("d. MMMM", DANISH);
    private static final DateTimeFormatter EN_DAY_MONTH = DateTimeFormatter.ofPattern("d MMMM", ENGLISH);
    private static final DateTimeFormatter DA_TIME = DateTimeFormatter.ofPattern("HH.mm", DANISH);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm", ENGLISH);
    private static final DateTimeFormatter INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final ZoneId zone;

    public CampusTime(SignageConfiguration configuration) {
        this(configuration.getTimeZone());
    }

    public CampusTime(ZoneId zone) {
        this.zone = zone;
    }

    public ZoneId zone() {
        return zone;
    }

    /** "28. nov. 2026 kl. 14.30" / "28 Nov 2026, 14:30"; null stays null, so a template can show "–" instead. */
    @Nullable
    public String dateTime(@Nullable Instant instant, String lang) {
        return instant == null ? null : dateTime(instant.atZone(zone).toLocalDateTime(), lang);
    }

    /** "28. nov. 2026 kl. 14.30" / "28 Nov 2026, 14:30". */
    public static String dateTime(LocalDateTime local, String lang) {
        String date = date(local.toLocalDate(), lang);
        String time = time(local.toLocalTime(), lang);
        return danish(lang) ? date + " kl. " + time : date + ", " + time;
    }

    /** "28. nov. 2026" / "28 Nov 2026". */
    public static String date(LocalDate date, String lang) {
        return (danish(lang) ? DA_DATE : EN_DATE).format(date);
    }

    /** A weekday with its date, for column headings: "mandag 30. nov." / "Monday 30 Nov". */
    public static String day(LocalDate date, String lang) {
        return (danish(lang) ? DA_DAY : EN_DAY).format(date);
    }

    /** A day of a chart's axis: "30. nov." / "30 Nov". */
    public static String shortDay(LocalDate date, String lang) {
        return (danish(lang) ? DA_SHORT_DAY : EN_SHORT_DAY).format(date);
    }

    /** A day with its weekday and year: "man. 30. nov. 2026" / "Mon 30 Nov 2026". */
    public static String weekdayDate(LocalDate date, String lang) {
        return (danish(lang) ? DA_WEEKDAY_DATE : EN_WEEKDAY_DATE).format(date);
    }

    /** A day in full words, as a passer-by reads it: "mandag 30. november" / "Monday 30 November". */
    public static String longDay(LocalDate date, String lang) {
        return (danish(lang) ? DA_LONG_DAY : EN_LONG_DAY).format(date);
    }

    /** "30. november" / "30 November". */
    public static String dayMonth(LocalDate date, String lang) {
        return (danish(lang) ? DA_DAY_MONTH : EN_DAY_MONTH).format(date);
    }

    /** "09.47" / "09:47". */
    public static String time(LocalTime time, String lang) {
        return (danish(lang) ? DA_TIME : EN_TIME).format(time);
    }

    public String time(Instant instant, String lang) {
        return time(instant.atZone(zone).toLocalTime(), lang);
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
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static boolean danish(String lang) {
        return !"en".equals(lang);
    }
}
