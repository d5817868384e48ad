package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.data.CalendarParserImpl;
import net.fortuna.ical4j.data.ContentHandler;
import net.fortuna.ical4j.data.UnfoldingReader;
import net.fortuna.ical4j.data.ParserException;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Parameter;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.Recur;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.component.VTimeZone;
import net.fortuna.ical4j.util.CompatibilityHints;

import java.io.IOException;
import java.io.StringReader;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an iCalendar file as calendar tools write it (Google, Outlook/Exchange, Apple) into
 * event occurrences between two instants. ical4j reads the structure (folded lines,
 * escapes, components); dates are read here from their text and TZID, so Windows zone
 * names, quoted and Mozilla-style TZIDs and floating times (taken in the campus zone)
 * all mean what the author saw. The text is the file's own, kept aside while ical4j reads it:
 * ical4j turns a TZID time into a ZonedDateTime by zone rules it builds from the VTIMEZONE,
 * and those rules put 2027-03-28 03:30 CEST at 04:30, so neither its date objects nor
 * {@code getValue()} (which formats them) say what the file says. Recurrences are expanded in local time, as RFC 5545 says:
 * a weekly 19:30 stays 19:30 across a change to or from summer time.
 */
final class IcsParser {

    static {
        // ical4j 4.0.8 leaves TemporalAdapter's comparator null when Recur is the first of
        // its classes to load (ical4j issue #791); loading TemporalAdapter first avoids it.
        try {
            Class.forName("net.fortuna.ical4j.model.TemporalAdapter", true, IcsParser.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new ExceptionInInitializerError(e);
        }
        // Real exports bend the standard (Outlook's time zones, Notes' line breaks).
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_UNFOLDING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_RELAXED_PARSING, true);
        CompatibilityHints.setHintEnabled(CompatibilityHints.KEY_OUTLOOK_COMPATIBILITY, true);
    }

    private static final DateTimeFormatter UTC_ID = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DATE_ID = DateTimeFormatter.BASIC_ISO_DATE;
    /** UNTIL as a file writes it: a DATE, a local DATE-TIME or a DATE-TIME in UTC. */
    private static final Pattern UNTIL = Pattern.compile("UNTIL=(\\d{8})(?:T(\\d{6})(Z)?)?", Pattern.CASE_INSENSITIVE);

    /** The properties read from the file's own text: the times, and RRULE for its UNTIL. */
    private static final Set<String> DATE_PROPERTIES = Set.of(Property.DTSTART, Property.DTEND, Property.DURATION,
            Property.RDATE, Property.EXDATE, Property.RECURRENCE_ID, Property.RRULE);
    private static final Pattern DURATION = Pattern.compile(
            "([+-])?P(?:(\\d+)W)?(?:(\\d+)D)?(?:T(?:(\\d+)H)?(?:(\\d+)M)?(?:(\\d+)S)?)?", Pattern.CASE_INSENSITIVE);

    private final ZoneId campus;
    /** Each event's date properties as the file writes them, by name, in order; set by each parse (an instance is not shared between threads). */
    private Map<VEvent, Map<String, List<String>>> raws = Map.of();

    IcsParser(ZoneId campus) {
        this.campus = campus;
    }

    /** A moment as the file states it: a day (all-day) or a wall-clock time in a zone. */
    private record When(@Nullable LocalDate date, @Nullable LocalDateTime local, ZoneId zone) {
        boolean allDay() {
            return date != null;
        }

        Instant instant() {
            return allDay() ? date.atStartOfDay(zone).toInstant() : local.atZone(zone).toInstant();
        }

        /** The occurrence's name in its series, comparable with any RECURRENCE-ID form. */
        String id() {
            return allDay() ? DATE_ID.format(date) : UTC_ID.format(instant());
        }
    }

    /** Occurrences of the events in {@code text} that are under way or start in [from, to). */
    List<FeedEvent> parse(String text, Instant from, Instant to) throws FeedParseException {
        Calendar calendar;
        try {
            calendar = new CalendarBuilder().build(new StringReader(text));
        } catch (ParserException e) {
            String cause = cause(e);
            throw new FeedParseException(cause == null ? Message.of("feed.ics.notICalendar") : Message.of("feed.ics.unreadable", cause),
                    e.getLineNo() > 0 ? e.getLineNo() : null);
        } catch (IOException | RuntimeException e) {
            throw new FeedParseException(Message.of("feed.ics.unreadable", e.getMessage()), null);
        }
        raws = rawDates(text, calendar);
        Map<String, ZoneId> fileZones = fileZones(calendar);
        Map<String, VEvent> masters = new LinkedHashMap<>();
        Map<String, Map<String, VEvent>> overrides = new HashMap<>();
        for (VEvent event : calendar.<VEvent>getComponents(Component.VEVENT)) {
            String uid = text(event, Property.UID);
            if (uid.isEmpty()) {
                throw new FeedParseException(Message.of("feed.ics.noUid", titled(event)),
                        lineOf(text, "SUMMARY:" + text(event, Property.SUMMARY)));
            }
            Optional<Property> recurrenceId = event.getProperty(Property.RECURRENCE_ID);
            if (recurrenceId.isPresent()) {
                String id = when(recurrenceId.get(), fileZones, text, uid).id();
                overrides.computeIfAbsent(uid, k -> new HashMap<>()).put(id, event);
            } else {
                masters.put(uid, event);
            }
        }
        List<FeedEvent> events = new ArrayList<>();
        for (Map.Entry<String, VEvent> entry : masters.entrySet()) {
            expand(entry.getKey(), entry.getValue(), overrides.getOrDefault(entry.getKey(), Map.of()), fileZones, text, from, to, events);
        }
        // an override whose series is not in the file (Google exports these on their own)
        for (Map.Entry<String, Map<String, VEvent>> entry : overrides.entrySet()) {
            if (!masters.containsKey(entry.getKey())) {
                for (Map.Entry<String, VEvent> single : entry.getValue().entrySet()) {
                    occurrence(entry.getKey(), single.getKey(), single.getValue(), null, fileZones, text, from, to, events);
                }
            }
        }
        events.sort(Comparator.comparing(FeedEvent::start).thenComparing(FeedEvent::uid));
        return events;
    }

    private void expand(String uid, VEvent master, Map<String, VEvent> overrides, Map<String, ZoneId> zones, String text,
                        Instant from, Instant to, List<FeedEvent> out) throws FeedParseException {
        When start = start(master, zones, text, uid);
        List<Property> rrules = master.getProperties(Property.RRULE);
        List<Property> rdates = master.getProperties(Property.RDATE);
        if (rrules.isEmpty() && rdates.isEmpty()) {
            occurrence(uid, "", master, null, zones, text, from, to, out);
            return;
        }
        Set<String> excluded = new HashSet<>();
        for (Property exdate : master.getProperties(Property.EXDATE)) {
            for (When w : whens(exdate, zones, text, uid)) {
                excluded.add(w.id());
            }
        }
        Map<String, When> starts = new LinkedHashMap<>();
        starts.put(start.id(), start);
        // a long event that began before `from` is still under way; look back a little
        Duration lookBack = Duration.ofDays(7);
        for (Property rrule : rrules) {
            String written = raw(rrule);
            try {
                String rule = localUntil(written, start);
                if (start.allDay()) {
                    LocalDate a = LocalDate.ofInstant(from.minus(lookBack), campus);
                    LocalDate b = LocalDate.ofInstant(to, campus);
                    for (LocalDate d : new Recur<LocalDate>(rule).getDates(start.date(), a, b)) {
                        When w = new When(d, null, start.zone());
                        starts.put(w.id(), w);
                    }
                } else {
                    LocalDateTime a = LocalDateTime.ofInstant(from.minus(lookBack), start.zone());
                    LocalDateTime b = LocalDateTime.ofInstant(to, start.zone());
                    for (LocalDateTime t : new Recur<LocalDateTime>(rule).getDates(start.local(), a, b)) {
                        When w = new When(null, t, start.zone());
                        starts.put(w.id(), w);
                    }
                }
            } catch (RuntimeException e) {
                throw new FeedParseException(Message.of("feed.ics.badRrule", written, titled(master), e.getMessage()),
                        lineOf(text, "RRULE:" + written));
            }
        }
        for (Property rdate : rdates) {
            for (When w : whens(rdate, zones, text, uid)) {
                starts.put(w.id(), w);
            }
        }
        for (Map.Entry<String, When> occurrence : starts.entrySet()) {
            if (excluded.contains(occurrence.getKey())) {
                continue;
            }
            VEvent override = overrides.get(occurrence.getKey());
            occurrence(uid, occurrence.getKey(), override != null ? override : master, override != null ? null : occurrence.getValue(),
                    zones, text, from, to, out);
        }
    }

    /** Adds one occurrence unless it is cancelled or outside [from, to); {@code at} moves a series' master to its turn. */
    private void occurrence(String uid, String recurrenceId, VEvent event, @Nullable When at, Map<String, ZoneId> zones,
                            String text, Instant from, Instant to, List<FeedEvent> out) throws FeedParseException {
        if (text(event, Property.STATUS).equalsIgnoreCase("CANCELLED")) {
            return;
        }
        When ownStart = start(event, zones, text, uid);
        When start = at != null ? at : ownStart;
        Instant begins = start.instant();
        Instant ends = end(event, ownStart, start, zones, text, uid);
        Instant over = ends != null && ends.isAfter(begins) ? ends : begins;
        if (!begins.isBefore(to) || over.isBefore(from) || (ends != null && over.equals(from))) {
            return;
        }
        out.add(new FeedEvent(uid, recurrenceId, text(event, Property.SUMMARY), text(event, Property.DESCRIPTION),
                text(event, Property.LOCATION), blankToNull(text(event, Property.URL)), image(event), begins,
                ends, start.allDay()));
    }

    private @Nullable Instant end(VEvent event, When ownStart, When start, Map<String, ZoneId> zones, String text, String uid)
            throws FeedParseException {
        Optional<Property> dtend = event.getProperty(Property.DTEND);
        if (dtend.isPresent()) {
            When end = when(dtend.get(), zones, text, uid);
            // the same length for every occurrence; all-day lengths in days, others in wall-clock time
            if (ownStart.allDay() && end.allDay()) {
                return start.date().plusDays(ChronoUnit.DAYS.between(ownStart.date(), end.date())).atStartOfDay(start.zone()).toInstant();
            }
            Duration length = Duration.between(ownStart.instant(), end.instant());
            return start.instant().plus(length);
        }
        Optional<Property> duration = event.getProperty(Property.DURATION);
        if (duration.isPresent()) {
            String value = raw(duration.get()).strip();
            try {
                return plusDuration(start, value);
            } catch (DateTimeException | ArithmeticException e) {
                throw new FeedParseException(Message.of("feed.ics.badDuration", value), lineOf(text, "DURATION:" + value));
            }
        }
        // an all-day event without an end lasts its day (RFC 5545 3.6.1)
        return start.allDay() ? start.date().plusDays(1).atStartOfDay(start.zone()).toInstant() : null;
    }

    private When start(VEvent event, Map<String, ZoneId> zones, String text, String uid) throws FeedParseException {
        Optional<Property> dtstart = event.getProperty(Property.DTSTART);
        if (dtstart.isEmpty()) {
            throw new FeedParseException(Message.of("feed.ics.noStart", titled(event)), lineOf(text, "UID:" + uid));
        }
        return when(dtstart.get(), zones, text, uid);
    }

    private When when(Property property, Map<String, ZoneId> zones, String text, String uid) throws FeedParseException {
        List<When> all = whens(property, zones, text, uid);
        if (all.isEmpty()) {
            throw new FeedParseException(Message.of("feed.ics.emptyDate", property.getName(), uid), lineOf(text, "UID:" + uid));
        }
        return all.get(0);
    }

    /** The dates of a DTSTART, DTEND, RDATE, EXDATE or RECURRENCE-ID (the last three may list several). */
    private List<When> whens(Property property, Map<String, ZoneId> zones, String text, String uid) throws FeedParseException {
        return whens(property, raw(property), zones, text, uid);
    }

    private List<When> whens(Property property, String written, Map<String, ZoneId> zones, String text, String uid)
            throws FeedParseException {
        Optional<Parameter> tzid = property.getParameter(Parameter.TZID);
        ZoneId zone = campus;
        if (tzid.isPresent()) {
            String name = tzid.get().getValue();
            zone = zones.containsKey(name) ? zones.get(name) : WindowsZones.resolve(name);
            if (zone == null) {
                throw new FeedParseException(Message.of("feed.ics.unknownZone", name, uid),
                        lineOf(text, "TZID=" + name));
            }
        }
        List<When> whens = new ArrayList<>();
        for (String raw : written.split(",")) {
            String value = raw.strip().toUpperCase(Locale.ROOT);
            if (value.isEmpty()) {
                continue;
            }
            try {
                if (value.length() == 8) {
                    whens.add(new When(LocalDate.parse(value, DATE_ID), null, campus));
                } else if (value.endsWith("Z")) {
                    LocalDateTime utc = LocalDateTime.parse(value.substring(0, value.length() - 1), DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss"));
                    // a time in UTC repeats in UTC (RFC 5545 3.3.10), the instant unchanged
                    ZoneId shownIn = tzid.isPresent() ? zone : ZoneOffset.UTC;
                    whens.add(new When(null, utc.atOffset(ZoneOffset.UTC).atZoneSameInstant(shownIn).toLocalDateTime(), shownIn));
                } else if (value.contains("/")) {
                    // an RDATE period: its start is the occurrence
                    whens.addAll(whens(property, value.substring(0, value.indexOf('/')), zones, text, uid));
                } else {
                    whens.add(new When(null, LocalDateTime.parse(value, DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss")), zone));
                }
            } catch (DateTimeException e) {
                throw new FeedParseException(Message.of("feed.ics.badDate", property.getName(), written, uid),
                        lineOf(text, property.getName() + ":" + written));
            }
        }
        return whens;
    }

    /** The value of one of an event's date properties as the file writes it. */
    private String raw(Property property) {
        for (Map.Entry<VEvent, Map<String, List<String>>> entry : raws.entrySet()) {
            List<Property> same = entry.getKey().getProperties(property.getName());
            for (int i = 0; i < same.size(); i++) {
                List<String> written = entry.getValue().getOrDefault(property.getName(), List.of());
                if (same.get(i) == property && i < written.size()) {
                    return written.get(i);
                }
            }
        }
        return property.getValue();
    }

    /**
     * The date properties of each VEVENT as written, read by ical4j's own parser (so folding
     * and the line structure are its) without building anything from them; paired with the
     * built events by their order in the file.
     */
    private static Map<VEvent, Map<String, List<String>>> rawDates(String text, Calendar calendar) {
        List<Map<String, List<String>>> found = new ArrayList<>();
        List<String> open = new ArrayList<>();
        String[] property = {null};
        ContentHandler handler = new ContentHandler() {
            @Override public void startCalendar() { }
            @Override public void endCalendar() { }
            @Override public void startComponent(String name) {
                open.add(name);
                if (name.equalsIgnoreCase(Component.VEVENT)) {
                    found.add(new HashMap<>());
                }
            }
            @Override public void endComponent(String name) {
                if (!open.isEmpty()) {
                    open.remove(open.size() - 1);
                }
            }
            @Override public void startProperty(String name) {
                property[0] = name.toUpperCase(Locale.ROOT);
            }
            @Override public void propertyValue(String value) {
                // only an event's own properties; an alarm inside it has its own
                if (!open.isEmpty() && open.get(open.size() - 1).equalsIgnoreCase(Component.VEVENT)
                        && DATE_PROPERTIES.contains(property[0])) {
                    found.get(found.size() - 1).computeIfAbsent(property[0], k -> new ArrayList<>()).add(value);
                }
            }
            @Override public void endProperty(String name) { }
            @Override public void parameter(String name, String value) { }
        };
        try {
            new CalendarParserImpl().parse(new UnfoldingReader(new StringReader(text), true), handler);
        } catch (IOException | ParserException | RuntimeException e) {
            return Map.of(); // ical4j read it once already; fall back to its values
        }
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        if (events.size() != found.size()) {
            return Map.of();
        }
        Map<VEvent, Map<String, List<String>>> raws = new IdentityHashMap<>();
        for (int i = 0; i < events.size(); i++) {
            raws.put(events.get(i), found.get(i));
        }
        return raws;
    }

    /**
     * DURATION's weeks and days are nominal (the same wall-clock time so many days on) and its
     * hours, minutes and seconds exact (RFC 5545 3.3.6), so four hours across the autumn change
     * are four real hours, and a day across it is 25 of them.
     */
    private static Instant plusDuration(When start, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches() || value.length() < 3) {
            throw new DateTimeException("not a duration: " + value);
        }
        int sign = "-".equals(m.group(1)) ? -1 : 1;
        long days = 7L * number(m.group(2)) + number(m.group(3));
        Duration exact = Duration.ofHours(number(m.group(4))).plusMinutes(number(m.group(5))).plusSeconds(number(m.group(6)));
        if (start.allDay()) {
            LocalDate date = start.date().plusDays(sign * days);
            return date.atStartOfDay(start.zone()).toInstant().plus(exact.multipliedBy(sign));
        }
        Instant afterDays = start.local().plusDays(sign * days).atZone(start.zone()).toInstant();
        return afterDays.plus(exact.multipliedBy(sign));
    }

    private static long number(@Nullable String digits) {
        return digits == null ? 0 : Long.parseLong(digits);
    }

    /** Zones the file defines itself: a VTIMEZONE whose TZID names, or whose X-LIC-LOCATION is, a known zone. */
    private static Map<String, ZoneId> fileZones(Calendar calendar) {
        Map<String, ZoneId> zones = new HashMap<>();
        for (VTimeZone vtimezone : calendar.<VTimeZone>getComponents(Component.VTIMEZONE)) {
            String tzid = vtimezone.getProperty(Property.TZID).map(Property::getValue).orElse(null);
            if (tzid == null) {
                continue;
            }
            ZoneId zone = WindowsZones.resolve(tzid);
            if (zone == null) {
                zone = vtimezone.getProperty("X-LIC-LOCATION").map(p -> WindowsZones.resolve(p.getValue())).orElse(null);
            }
            if (zone != null) {
                zones.put(tzid, zone);
            }
        }
        return zones;
    }

    /**
     * The rule with its UNTIL (as the file writes it, not as ical4j re-formats it) in the form
     * of the start it is expanded from: a UTC time in the start's zone, a day as its last
     * moment (the series ends after that day), and a time as its day for an all-day start.
     */
    private static String localUntil(String rule, When start) {
        Matcher m = UNTIL.matcher(rule);
        if (!m.find()) {
            return rule;
        }
        LocalDate day = LocalDate.parse(m.group(1), DATE_ID);
        LocalDateTime local = m.group(2) == null ? day.atTime(23, 59, 59)
                : day.atTime(LocalTime.parse(m.group(2), DateTimeFormatter.ofPattern("HHmmss")));
        if (m.group(3) != null) {
            local = local.atOffset(ZoneOffset.UTC).atZoneSameInstant(start.zone()).toLocalDateTime();
        }
        String until = start.allDay() ? DATE_ID.format(local.toLocalDate()) : DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").format(local);
        return m.replaceFirst("UNTIL=" + until);
    }

    private static @Nullable String image(VEvent event) {
        for (String name : List.of("IMAGE", Property.ATTACH)) {
            for (Property p : event.getProperties(name)) {
                String fmt = p.getParameter(Parameter.FMTTYPE).map(Parameter::getValue).orElse("");
                String value = p.getValue().strip();
                boolean image = name.equals("IMAGE") || fmt.startsWith("image/") || value.matches("(?i).*\\.(jpe?g|png|webp|gif)(\\?.*)?");
                if (image && (value.startsWith("http://") || value.startsWith("https://"))) {
                    return value;
                }
            }
        }
        return null;
    }

    private static String text(Component component, String name) {
        return component.getProperty(name).map(Property::getValue).map(String::strip).orElse("");
    }

    private static String titled(VEvent event) {
        String title = text(event, Property.SUMMARY);
        return title.isEmpty() ? "" : " '" + title + "'";
    }

    private static @Nullable String blankToNull(String s) {
        return s.isBlank() ? null : s;
    }

    /** What ical4j said, without its line; null when it said nothing. */
    private static @Nullable String cause(ParserException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        // ical4j appends " [Error at line N]"; the line is reported on its own
        message = message.replaceAll("\\s*\\[Error at line \\d+\\]", "");
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !message.contains(cause.getMessage())) {
            message = message.isEmpty() ? cause.getMessage() : message + " (" + cause.getMessage() + ")";
        }
        return message.isEmpty() ? null : message;
    }

    /** The line (1-based, of the file as sent) where {@code needle} starts, or null. */
    private static @Nullable Integer lineOf(String text, String needle) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].startsWith(needle) || lines[i].contains(needle)) {
                return i + 1;
            }
        }
        return null;
    }

}
