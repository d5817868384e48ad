package dk.albertslund.signage.schedule;

import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * When a schedule entry plays, as wall-clock rules: an optional first and last day
 * (inclusive, of the day a window starts), the weekdays or an RFC 5545 RRULE that
 * pick the days, and a daily window [startTime, endTime). An end at or before the
 * start means the window runs past midnight into the next day.
 *
 * <p>Built only through {@link #check}, so every rule that exists can occur at least
 * once. Plain Java: the time zone and the clock belong to whoever resolves it.
 *
 * @param days the weekdays a window may start on; empty means every day
 * @param rrule an RRULE (upper case, without "RRULE:") picking the days instead of {@code days}
 */
public record TimeRule(LocalDate startDate, LocalDate endDate, Set<DayOfWeek> days, String rrule,
                       LocalTime startTime, LocalTime endTime) {

    /** How far ahead an open-ended RRULE is expanded to prove that it ever occurs. */
    static final int OPEN_ENDED_YEARS = 10;

    private static final Pattern TIME = Pattern.compile("(\\d{2}):(\\d{2})");
    private static final Pattern NO_ENUM_CONSTANT = Pattern.compile("No enum constant .*\\.(\\w+)\\.(\\w*)$");
    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");

    static {
        // ical4j 4.0.8 leaves TemporalAdapter's comparator null when Recur is the first of
        // its classes to load (ical4j issue #791); loading TemporalAdapter first avoids it.
        try {
            Class.forName("net.fortuna.ical4j.model.TemporalAdapter", true, TimeRule.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    public TimeRule {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
    }

    /** One thing wrong with one field, named as the caller wrote it. */
    public record FieldError(String field, String message) {
    }

    /** The outcome of {@link #check}: a rule, or what is wrong with the fields. */
    public record Checked(TimeRule rule, List<FieldError> errors) {
        public boolean ok() {
            return errors.isEmpty();
        }
    }

    /**
     * Reads a time rule as a caller wrote it ("2026-12-01", ["MON", "FRI"], "FREQ=MONTHLY;BYDAY=1MO",
     * "22:00") and refuses what cannot be read or can never occur, naming each field.
     */
    public static Checked check(String startDate, String endDate, List<String> days, String rrule,
                                String startTime, String endTime) {
        List<FieldError> errors = new ArrayList<>();
        LocalDate start = date("startDate", startDate, errors);
        LocalDate end = date("endDate", endDate, errors);
        if (start != null && end != null && end.isBefore(start)) {
            errors.add(new FieldError("endDate", "must be on or after startDate (" + start + ")"));
        }
        Set<DayOfWeek> weekdays = days(days, errors);
        String recurrence = rrule == null || rrule.isBlank() ? null : normalise(rrule);
        if (recurrence != null && days != null && !days.isEmpty()) {
            errors.add(new FieldError("rrule", "cannot be combined with days; use one or the other"));
            recurrence = null;
        }
        LocalTime from = time("startTime", startTime, errors);
        LocalTime until = time("endTime", endTime, errors);
        if (recurrence != null) {
            checkRecurrence(recurrence, start, end, errors);
        } else if (weekdays != null && !weekdays.isEmpty() && start != null && end != null && !end.isBefore(start)
                && neverOnThoseDays(weekdays, start, end)) {
            errors.add(new FieldError("days", "none of " + names(weekdays) + " falls between startDate " + start
                    + " and endDate " + end + ", so this would never play"));
        }
        if (!errors.isEmpty()) {
            return new Checked(null, List.copyOf(errors));
        }
        return new Checked(new TimeRule(start, end, weekdays, recurrence, from, until), List.of());
    }

    /** True when a window ends on the day after it starts. */
    public boolean crossesMidnight() {
        return !endTime.isAfter(startTime);
    }

    /** Whether one of this rule's windows starts on {@code day}. */
    public boolean startsOn(LocalDate day) {
        if (startDate != null && day.isBefore(startDate) || endDate != null && day.isAfter(endDate)) {
            return false;
        }
        if (rrule != null) {
            return !recur(rrule).getDates(startDate, day, day, 1).isEmpty();
        }
        return days.isEmpty() || days.contains(day.getDayOfWeek());
    }

    /** The weekdays as stored and shown: "MON" … "SUN", Monday first. */
    public List<String> dayNames() {
        return days.stream().sorted().map(TimeRule::name).toList();
    }

    /** Weekdays from their stored names ("MON" … "SUN"). */
    public static Set<DayOfWeek> parseDays(List<String> names) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : names) {
            int index = DAY_NAMES.indexOf(name);
            if (index < 0) {
                throw new IllegalArgumentException("not a stored day name: " + name);
            }
            days.add(DayOfWeek.of(index + 1));
        }
        return days;
    }

    /** "HH:MM", the form callers write times in. */
    public static String format(LocalTime time) {
        return String.format(Locale.ROOT, "%02d:%02d", time.getHour(), time.getMinute());
    }

    private static LocalDate date(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return LocalDate.parse(value.strip());
        } catch (DateTimeParseException e) {
            errors.add(new FieldError(field, "must be a date like 2026-12-01"));
            return null;
        }
    }

    private static LocalTime time(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new FieldError(field, "is required, as HH:MM"));
            return null;
        }
        Matcher m = TIME.matcher(value.strip());
        if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
            errors.add(new FieldError(field, "must be a time like 07:30 (00:00–23:59)"));
            return null;
        }
        return LocalTime.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }

    private static Set<DayOfWeek> days(List<String> values, List<FieldError> errors) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        if (values == null) {
            return days;
        }
        List<String> unknown = new ArrayList<>();
        for (String value : values) {
            String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
            int index = DAY_NAMES.indexOf(name);
            if (index < 0) {
                unknown.add("'" + value + "'");
            } else {
                days.add(DayOfWeek.of(index + 1));
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(new FieldError("days", String.join(", ", unknown) + (unknown.size() == 1 ? " is not a day" : " are not days")
                    + "; use " + String.join(", ", DAY_NAMES)));
            return null;
        }
        return days;
    }

    private static boolean neverOnThoseDays(Set<DayOfWeek> days, LocalDate start, LocalDate end) {
        for (LocalDate day = start; !day.isAfter(end) && day.isBefore(start.plusDays(7)); day = day.plusDays(1)) {
            if (days.contains(day.getDayOfWeek())) {
                return false;
            }
        }
        return true;
    }

    /** Upper case (RFC 5545 names are case-insensitive), without an "RRULE:" prefix. */
    private static String normalise(String rrule) {
        String value = rrule.strip().toUpperCase(Locale.ROOT);
        return value.startsWith("RRULE:") ? value.substring("RRULE:".length()).strip() : value;
    }

    private static void checkRecurrence(String rrule, LocalDate start, LocalDate end, List<FieldError> errors) {
        if (rrule.contains("DTSTART")) {
            errors.add(new FieldError("rrule", "must not hold a DTSTART; the rule counts from startDate"));
            return;
        }
        Recur<LocalDate> recur;
        try {
            recur = recur(rrule);
        } catch (IllegalArgumentException | ClassCastException | java.time.DateTimeException e) {
            errors.add(new FieldError("rrule", "is not a valid RFC 5545 RRULE: " + explain(e)));
            return;
        }
        if (recur.getUntil() != null) {
            errors.add(new FieldError("rrule", "must not hold an UNTIL; set endDate instead"));
            return;
        }
        Frequency frequency = recur.getFrequency();
        if (frequency == Frequency.SECONDLY || frequency == Frequency.MINUTELY || frequency == Frequency.HOURLY
                || !recur.getHourList().isEmpty() || !recur.getMinuteList().isEmpty() || !recur.getSecondList().isEmpty()) {
            errors.add(new FieldError("rrule", "may only pick days (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY, without BYHOUR, "
                    + "BYMINUTE or BYSECOND); the hours come from startTime and endTime"));
            return;
        }
        if (start == null) {
            errors.add(new FieldError("startDate", "is required with an rrule: the rule counts from this day"));
            return;
        }
        if (end != null && end.isBefore(start)) {
            return;
        }
        LocalDate last = end != null ? end : start.plusYears(OPEN_ENDED_YEARS);
        List<LocalDate> first;
        try {
            first = recur.getDates(start, start, last, 1);
        } catch (RuntimeException e) {
            errors.add(new FieldError("rrule", "cannot be expanded: " + explain(e)));
            return;
        }
        if (first.isEmpty()) {
            errors.add(new FieldError("rrule", end != null
                    ? "has no occurrence between startDate " + start + " and endDate " + end + ", so this would never play"
                    : "has no occurrence in the " + OPEN_ENDED_YEARS + " years from startDate " + start + ", so this would never play"));
        }
    }

    private static Recur<LocalDate> recur(String rrule) {
        return new Recur<>(rrule);
    }

    /** ical4j's reason in words a staff member can act on. */
    private static String explain(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher constant = NO_ENUM_CONSTANT.matcher(message);
        if (constant.find()) {
            return switch (constant.group(1)) {
                case "Frequency" -> "FREQ=" + constant.group(2) + " is not a frequency; use DAILY, WEEKLY, MONTHLY or YEARLY";
                case "Day" -> "'" + constant.group(2) + "' is not a weekday; use MO, TU, WE, TH, FR, SA or SU";
                default -> "'" + constant.group(2) + "' is not allowed there";
            };
        }
        if (e instanceof NumberFormatException) {
            return message.replace("For input string:", "expected a number, found");
        }
        return message;
    }

    private static String names(Set<DayOfWeek> days) {
        return days.stream().sorted().map(TimeRule::name).collect(Collectors.joining(", "));
    }

    private static String name(DayOfWeek day) {
        return DAY_NAMES.get(day.getValue() - 1);
    }
}
