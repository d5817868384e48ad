package dk.albertslund.signage.schedule;

import dk.albertslund.signage.web.Messages;
import jakarta.inject.Singleton;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Optional;
import dk.albertslund.signage.core.CampusTime;

/**
 * Time rules in the words of the page's language ("man–fre 07.00–10.00", "first Monday of
 * the month 11:30–13:00, from 1 Dec 2026"), and the RRULE presets the entry form offers.
 * The resolver's own descriptions are English for the API; staff read these.
 */
@Singleton
public class RuleWords {

    /** An RRULE staff choose by name; {@code key} names it in the bundles. */
    public record Preset(String key, String rrule) {
    }

    public static final List<Preset> PRESETS = List.of(
            new Preset("firstMonday", "FREQ=MONTHLY;BYDAY=1MO"),
            new Preset("lastFriday", "FREQ=MONTHLY;BYDAY=-1FR"),
            new Preset("everyOtherWeek", "FREQ=WEEKLY;INTERVAL=2"),
            new Preset("firstWeekdayOfMonth", "FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=1"),
            new Preset("lastDayOfMonth", "FREQ=MONTHLY;BYMONTHDAY=-1"),
            new Preset("yearly", "FREQ=YEARLY"));

    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    private final Messages messages;
    private final CampusTime times;

    RuleWords(Messages messages, CampusTime times) {
        this.messages = messages;
        this.times = times;
    }

    public static Optional<Preset> preset(String rrule) {
        return PRESETS.stream().filter(p -> p.rrule().equals(rrule)).findFirst();
    }

    public String describe(TimeRule rule, String lang) {
        String days = rule.rrule() != null ? recurrence(rule.rrule(), lang) : days(rule, lang);
        StringBuilder text = new StringBuilder(messages.text(lang, "schedules.words.rule", days,
                times.time(rule.startTime(), lang), times.time(rule.endTime(), lang)));
        if (rule.startDate() != null && rule.endDate() != null) {
            text.append(messages.text(lang, "schedules.words.between", times.date(rule.startDate(), lang), times.date(rule.endDate(), lang)));
        } else if (rule.startDate() != null) {
            text.append(messages.text(lang, "schedules.words.from", times.date(rule.startDate(), lang)));
        } else if (rule.endDate() != null) {
            text.append(messages.text(lang, "schedules.words.until", times.date(rule.endDate(), lang)));
        }
        return text.toString();
    }

    public String dayName(String storedName, String lang) {
        return messages.text(lang, "schedules.day.short." + storedName);
    }

    private String recurrence(String rrule, String lang) {
        return preset(rrule).map(p -> messages.text(lang, "schedules.preset." + p.key()))
                .orElseGet(() -> messages.text(lang, "schedules.words.rrule", rrule));
    }

    /** Weekdays with runs of three or more shortened: "man–fre", "man, ons, fre". */
    private String days(TimeRule rule, String lang) {
        if (rule.days().isEmpty() || rule.days().size() == 7) {
            return messages.text(lang, "schedules.words.everyDay");
        }
        return rule.dayRuns(day -> name(day, lang));
    }

    private String name(DayOfWeek day, String lang) {
        return dayName(DAY_NAMES.get(day.getValue() - 1), lang);
    }
}
