package dk.albertslund.signage.schedule;

import dk.albertslund.signage.config.SignageConfiguration;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates and times as staff read them on the pages, in the campus time zone and the page's
 * language: "28. nov. 2026 kl. 14.30" in Danish, "28 Nov 2026, 14:30" in English.
 */
@Singleton
public class CampusTimes {

    private static final Locale DANISH = Locale.forLanguageTag("da");
    private static final DateTimeFormatter DA_DATE = DateTimeFormatter.ofPattern("d. MMM yyyy", DANISH);
    private static final DateTimeFormatter EN_DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.UK);
    private static final DateTimeFormatter DA_DAY = DateTimeFormatter.ofPattern("EEEE d. MMM", DANISH);
    private static final DateTimeFormatter EN_DAY = DateTimeFormatter.ofPattern("EEEE d MMM", Locale.UK);
    private static final DateTimeFormatter DA_TIME = DateTimeFormatter.ofPattern("HH.mm", DANISH);
    private static final DateTimeFormatter EN_TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.UK);

    private final ZoneId zone;

    CampusTimes(SignageConfiguration configuration) {
        this.zone = configuration.getTimeZone();
    }

    public ZoneId zone() {
        return zone;
    }

    public String date(LocalDate date, String lang) {
        return (danish(lang) ? DA_DATE : EN_DATE).format(date);
    }

    /** A weekday with its date, for column headings: "mandag 30. nov.". */
    public String day(LocalDate date, String lang) {
        return (danish(lang) ? DA_DAY : EN_DAY).format(date);
    }

    public String time(LocalTime time, String lang) {
        return (danish(lang) ? DA_TIME : EN_TIME).format(time);
    }

    public String time(Instant instant, String lang) {
        return time(instant.atZone(zone).toLocalTime(), lang);
    }

    public String dateTime(Instant instant, String lang) {
        var local = instant.atZone(zone);
        String date = date(local.toLocalDate(), lang);
        String time = time(local.toLocalTime(), lang);
        return danish(lang) ? date + " kl. " + time : date + ", " + time;
    }

    private static boolean danish(String lang) {
        return !"en".equals(lang);
    }
}
