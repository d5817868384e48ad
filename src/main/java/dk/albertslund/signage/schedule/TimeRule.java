package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.Message;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.transform.recurrence.Frequency;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.zone.ZoneRules;
import java.time.zone.ZoneOffsetTransition;
import java.time.ZoneId;
import java.time.LocalDateTime;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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
 * <p>A window is the set of instants whose local wall-clock time falls inside it. Around
 * daylight-saving changes that is not always "start instant to end instant": on the
 * spring-forward day a 02:00–03:00 window is empty, and on the fall-back day a window that
 * ends inside the repeated hour is two pieces. {@link #windows} computes that set exactly.
 *
 * <p>Built through {@link #check} from what a caller wrote, so every rule that exists can
 * occur at least once. Plain Java: the time zone and the instants come from the caller.
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
    private static final String NOT_A_NUMBER = "For input string:";
    private static final List<String> DAY_NAMES = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    /** RFC 5545's names (BYDAY=MO,WE), taken as well: a script writing RRULEs writes days so too. */
    private static final List<String> RFC5545_DAY_NAMES = List.of("MO", "TU", "WE", "TH", "FR", "SA", "SU");

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

    /**
     * One piece of a window, [start, end) in instants. {@code opened} is when the whole
     * window began (its first piece), which orders entries of equal priority.
     */
    public record Window(Instant start, Instant end, Instant opened) {
        public boolean contains(Instant t) {
            return !t.isBefore(start) && t.isBefore(end);
        }
    }

    /**
     * One thing wrong with one field, named as the caller wrote it, and what is wrong as a
     * {@link Message}. Two are equal when they name the same field and say the same in
     * English, as the API says it: that is what a caller (or a test) can compare.
     */
    public record FieldError(String field, Message said) {

        /** An error as the API words it, in English. */
        public FieldError(String field, String english) {
            this(field, Message.verbatim(english));
        }

        /** What is wrong, in English. */
        public String message() {
            return said.english();
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof FieldError error && field.equals(error.field) && message().equals(error.message());
        }

        @Override
        public int hashCode() {
            return Objects.hash(field, message());
        }
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
            errors.add(error("endDate", "schedule.endDate.beforeStart", start));
        }
        Set<DayOfWeek> weekdays = days(days, errors);
        String recurrence = rrule == null || rrule.isBlank() ? null : normalise(rrule);
        if (recurrence != null && days != null && !days.isEmpty()) {
            errors.add(error("rrule", "schedule.rrule.withDays"));
            recurrence = null;
        }
        LocalTime from = time("startTime", startTime, errors);
        LocalTime until = time("endTime", endTime, errors);
        if (recurrence != null) {
            checkRecurrence(recurrence, start, end, errors);
        } else if (weekdays != null && !weekdays.isEmpty() && start != null && end != null && !end.isBefore(start)
                && neverOnThoseDays(weekdays, start, end)) {
            errors.add(error("days", "schedule.days.never", names(weekdays), start, end));
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
        return !startDays(day, day).isEmpty();
    }

    /** The days in [first, last] on which a window starts. */
    public List<LocalDate> startDays(LocalDate first, LocalDate last) {
        LocalDate from = startDate != null && startDate.isAfter(first) ? startDate : first;
        LocalDate to = endDate != null && endDate.isBefore(last) ? endDate : last;
        List<LocalDate> result = new ArrayList<>();
        if (to.isBefore(from)) {
            return result;
        }
        if (rrule != null) {
            Recur<LocalDate> recur = recur(rrule);
            LocalDate seed = startDate != null ? startDate : from;
            for (LocalDate date : recur.getDates(seed, from.minusDays(1), to.plusDays(1))) {
                if (!date.isBefore(from) && !date.isAfter(to) && !date.isBefore(seed)) {
                    result.add(date);
                }
            }
            return result;
        }
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if (days.isEmpty() || days.contains(date.getDayOfWeek())) {
                result.add(date);
            }
        }
        return result;
    }

    /**
     * The pieces of every window of this rule that overlap [from, to), in order and not
     * clipped, so that a window's opening does not depend on the interval asked about.
     */
    public List<Window> windows(ZoneId zone, Instant from, Instant to) {
        // A window can start the day before 'from' (crossing midnight) and a local day spans
        // at most 26 hours, so two days of margin on each side are always enough.
        LocalDate first = LocalDate.ofInstant(from, zone).minusDays(2);
        LocalDate last = LocalDate.ofInstant(to, zone).plusDays(1);
        List<Window> result = new ArrayList<>();
        for (LocalDate day : startDays(first, last)) {
            LocalDateTime localStart = day.atTime(startTime);
            LocalDateTime localEnd = (crossesMidnight() ? day.plusDays(1) : day).atTime(endTime);
            List<Window> pieces = instantsWithLocalTimeIn(zone, localStart, localEnd);
            for (Window piece : pieces) {
                if (piece.start().isBefore(to) && piece.end().isAfter(from)) {
                    result.add(new Window(piece.start(), piece.end(), pieces.get(0).start()));
                }
            }
        }
        return result;
    }

    /**
     * The instants t with localStart ≤ local(t) < localEnd. Between two offset transitions
     * local time is the instant plus a fixed offset, so each such stretch contributes at most
     * one interval; a gap contributes nothing, an overlap may contribute twice.
     */
    static List<Window> instantsWithLocalTimeIn(ZoneId zone, LocalDateTime localStart, LocalDateTime localEnd) {
        List<Window> pieces = new ArrayList<>();
        if (!localStart.isBefore(localEnd)) {
            return pieces;
        }
        ZoneRules rules = zone.getRules();
        Instant stretchStart = localStart.minusDays(1).atZone(java.time.ZoneOffset.UTC).toInstant();
        Instant horizon = localEnd.plusDays(1).atZone(java.time.ZoneOffset.UTC).toInstant();
        while (stretchStart.isBefore(horizon)) {
            ZoneOffsetTransition next = rules.nextTransition(stretchStart);
            Instant stretchEnd = next == null || next.getInstant().isAfter(horizon) ? horizon : next.getInstant();
            java.time.ZoneOffset offset = rules.getOffset(stretchStart);
            Instant start = localStart.toInstant(offset);
            Instant end = localEnd.toInstant(offset);
            Instant a = start.isAfter(stretchStart) ? start : stretchStart;
            Instant b = end.isBefore(stretchEnd) ? end : stretchEnd;
            if (a.isBefore(b)) {
                // Stretches that touch (across the fall-back transition) form one piece.
                Window last = pieces.isEmpty() ? null : pieces.get(pieces.size() - 1);
                if (last != null && last.end().equals(a)) {
                    pieces.set(pieces.size() - 1, new Window(last.start(), b, last.start()));
                } else {
                    pieces.add(new Window(a, b, a));
                }
            }
            stretchStart = stretchEnd;
        }
        return pieces;
    }

    /** The weekdays as stored and shown: "MON" … "SUN", Monday first. */
    public List<String> dayNames() {
        return days.stream().sorted().map(TimeRule::name).toList();
    }

    /**
     * The weekdays, Monday first, named by {@code name} with runs of three or more shortened:
     * "MON–FRI", "MON, WED, FRI", "MON–WED, SAT, SUN".
     */
    public String dayRuns(java.util.function.Function<DayOfWeek, String> name) {
        List<DayOfWeek> sorted = days.stream().sorted().toList();
        List<String> parts = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int j = i;
            while (j + 1 < sorted.size() && sorted.get(j + 1).getValue() == sorted.get(j).getValue() + 1) {
                j++;
            }
            if (j - i >= 2) {
                parts.add(name.apply(sorted.get(i)) + "–" + name.apply(sorted.get(j)));
            } else {
                sorted.subList(i, j + 1).forEach(day -> parts.add(name.apply(day)));
            }
            i = j + 1;
        }
        return String.join(", ", parts);
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
            errors.add(error(field, "schedule.date.form"));
            return null;
        }
    }

    private static LocalTime time(String field, String value, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(error(field, "schedule.time.required"));
            return null;
        }
        Matcher m = TIME.matcher(value.strip());
        if (m.matches() && Integer.parseInt(m.group(1)) == 24 && Integer.parseInt(m.group(2)) == 0) {
            // a window ends at or before its start runs past midnight (docs/ARCHITECTURE.md, "Scheduling semantics"), so the end of the day is 00:00
            errors.add(error(field, "schedule.time.midnight"));
            return null;
        }
        if (!m.matches() || Integer.parseInt(m.group(1)) > 23 || Integer.parseInt(m.group(2)) > 59) {
            errors.add(error(field, "schedule.time.form"));
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
            int index = DAY_NAMES.indexOf(name) >= 0 ? DAY_NAMES.indexOf(name) : RFC5545_DAY_NAMES.indexOf(name);
            if (index < 0) {
                unknown.add("'" + value + "'");
            } else {
                days.add(DayOfWeek.of(index + 1));
            }
        }
        if (!unknown.isEmpty()) {
            errors.add(error("days", unknown.size() == 1 ? "schedule.days.notADay" : "schedule.days.notDays",
                    String.join(", ", unknown), String.join(", ", DAY_NAMES), String.join(", ", RFC5545_DAY_NAMES)));
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

    private static FieldError error(String field, String key, Object... args) {
        return new FieldError(field, Message.of(key, args));
    }

    /** Upper case (RFC 5545 names are case-insensitive), without an "RRULE:" prefix. */
    private static String normalise(String rrule) {
        String value = rrule.strip().toUpperCase(Locale.ROOT);
        return value.startsWith("RRULE:") ? value.substring("RRULE:".length()).strip() : value;
    }

    private static void checkRecurrence(String rrule, LocalDate start, LocalDate end, List<FieldError> errors) {
        if (rrule.contains("DTSTART")) {
            errors.add(error("rrule", "schedule.rrule.dtstart"));
            return;
        }
        Recur<LocalDate> recur;
        try {
            recur = recur(rrule);
        } catch (IllegalArgumentException | ClassCastException | java.time.DateTimeException e) {
            errors.add(error("rrule", "schedule.rrule.invalid", explain(e)));
            return;
        }
        if (recur.getUntil() != null) {
            errors.add(error("rrule", "schedule.rrule.until"));
            return;
        }
        Frequency frequency = recur.getFrequency();
        if (frequency == Frequency.SECONDLY || frequency == Frequency.MINUTELY || frequency == Frequency.HOURLY
                || !recur.getHourList().isEmpty() || !recur.getMinuteList().isEmpty() || !recur.getSecondList().isEmpty()) {
            errors.add(error("rrule", "schedule.rrule.onlyDays"));
            return;
        }
        if (start == null) {
            errors.add(error("startDate", "schedule.startDate.forRrule"));
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
            errors.add(error("rrule", "schedule.rrule.unexpandable", explain(e)));
            return;
        }
        if (first.isEmpty()) {
            errors.add(end != null
                    ? error("rrule", "schedule.rrule.neverBetween", start, end)
                    : error("rrule", "schedule.rrule.neverWithin", OPEN_ENDED_YEARS, start));
        }
    }

    private static Recur<LocalDate> recur(String rrule) {
        return new Recur<>(rrule);
    }

    /** ical4j's reason in words a staff member can act on; otherwise its own (English) words. */
    private static Message explain(RuntimeException e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Matcher constant = NO_ENUM_CONSTANT.matcher(message);
        if (constant.find()) {
            return switch (constant.group(1)) {
                case "Frequency" -> Message.of("schedule.rrule.notFrequency", constant.group(2));
                case "Day" -> Message.of("schedule.rrule.notWeekday", constant.group(2));
                default -> Message.of("schedule.rrule.notAllowed", constant.group(2));
            };
        }
        if (e instanceof NumberFormatException && message.startsWith(NOT_A_NUMBER)) {
            return Message.of("schedule.rrule.notNumber", message.substring(NOT_A_NUMBER.length()).strip());
        }
        return Message.verbatim(message);
    }

    private static String names(Set<DayOfWeek> days) {
        return days.stream().sorted().map(TimeRule::name).collect(Collectors.joining(", "));
    }

    static String name(DayOfWeek day) {
        return DAY_NAMES.get(day.getValue() - 1);
    }
}
