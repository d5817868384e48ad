package dk.albertslund.signage.schedule;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenAirtime;
import dk.albertslund.signage.screen.ScreenGroup;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.web.Messages;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import dk.albertslund.signage.core.CampusTime;

/**
 * Seeing the schedule: a week calendar per screen or group (which entries' windows fall
 * in which hour of which day) and a screen's timeline for one day (what it plays when, and
 * why, from the resolver). Read-only, so every signed-in staff member may look.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/schedules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class ScheduleCalendarPagesController {

    static final String WEEK_VIEW = "schedules/week";
    static final String TIMELINE_VIEW = "schedules/timeline";
    private static final Pattern WEEK = Pattern.compile("(\\d{4})-W(\\d{2})");

    private final ScheduleEntryService entryService;
    private final ScreenScheduleService schedule;
    private final ScreenService screens;
    private final ScreenGroupService groups;
    private final PlaylistService playlists;
    private final StaffDirectory staff;
    private final RuleWords words;
    private final CampusTime times;
    private final Messages messages;
    private final Clock clock;

    ScheduleCalendarPagesController(ScheduleEntryService entryService, ScreenScheduleService schedule, ScreenService screens,
                                    ScreenGroupService groups, PlaylistService playlists,
                                    StaffDirectory staff, RuleWords words, CampusTime times, Messages messages, Clock clock) {
        this.entryService = entryService;
        this.schedule = schedule;
        this.screens = screens;
        this.groups = groups;
        this.playlists = playlists;
        this.staff = staff;
        this.words = words;
        this.times = times;
        this.messages = messages;
        this.clock = clock;
    }

    /** A choice in a select; {@code label} is a name. */
    public record Choice(String value, String label, boolean selected) {
    }

    /**
     * The week calendar of one screen or group, or only the picker when none is chosen.
     * {@code target} is the chosen screen's or group's name.
     */
    public record WeekPage(List<Choice> screens, List<Choice> groups, @Nullable String target, String week,
                           @Nullable String weekError, @Nullable String previous, @Nullable String next,
                           @Nullable String dateRange, List<String> days, List<HourRow> hours, List<Legend> legend) {
    }

    /** One hour of the week: its label and a cell per day. */
    public record HourRow(String label, List<Cell> cells) {
    }

    /** The names of the entries on during some of one hour of one day; {@code day} names the column for screen readers. */
    public record Cell(String day, List<String> entries, boolean emergency) {
    }

    /** An entry in the calendar by name, with its playlist and rule in words; the slug is only for its link. */
    public record Legend(String slug, String name, String playlist, String rule, int priority, String kind, String target) {
    }

    /** One screen's day, or only the picker when no screen is chosen. */
    public record TimelinePage(List<Choice> screens, @Nullable String screen, @Nullable String screenName, String day,
                               @Nullable String dayError, @Nullable String dayLabel, @Nullable String previous,
                               @Nullable String next, List<Segment> segments) {
    }

    /** What plays from start to end and why: {@code kind} is a message-key suffix. */
    public record Segment(String start, String end, String kind, List<String> playlists,
                          List<ScreenScheduleService.Shown> announcements, List<Winner> winners, List<Loser> losers,
                          @Nullable String airtime) {
    }

    /** "Skolerne 40 % · Biblioteket 20 % · Kultur 40 %", or null when the playlist order stands (docs/ARCHITECTURE.md). */
    @Nullable
    static String airtime(List<ScreenAirtime.Part> parts) {
        return parts.isEmpty() ? null : parts.stream().map(p -> p.name() + " " + p.effectivePercent() + " %")
                .collect(java.util.stream.Collectors.joining(" · "));
    }

    /** {@code entry} is the entry's name, or the resolver's slug if the entry is gone. */
    public record Winner(String entry, String playlist, int priority, String rule) {
    }

    /** {@code entry} as in {@link Winner}. */
    public record Loser(String entry, String playlist, String why) {
    }

    @Get("/week")
    HttpResponse<ModelAndView<Map<String, Object>>> week(@Nullable @QueryValue String screen, @Nullable @QueryValue String group,
                                                          @Nullable @QueryValue String week, Authentication authentication,
                                                          HttpRequest<?> request) {
        staff.require(authentication);
        String lang = StaffLanguage.of(request);
        LocalDate today = LocalDate.now(clock.withZone(times.zone()));
        String asked = week == null || week.isBlank() ? SchedulePagesController.isoWeek(today) : week.strip();
        LocalDate monday = monday(asked);
        String chosenScreen = blankToNull(screen);
        String chosenGroup = chosenScreen == null ? blankToNull(group) : null;
        List<Choice> screenChoices = screens.list(SchedulePagesController.query("name")).getContent().stream()
                .map(s -> new Choice(s.slug(), s.name(), s.slug().equals(chosenScreen))).toList();
        List<Choice> groupChoices = groups.list(SchedulePagesController.query("name")).getContent().stream()
                .map(g -> new Choice(g.slug(), g.name(), g.slug().equals(chosenGroup))).toList();
        if (monday == null) {
            return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.BAD_REQUEST)
                    .body(Pages.page(WEEK_VIEW, new WeekPage(screenChoices, groupChoices, null, asked,
                            messages.text(lang, "schedules.week.invalid"), null, null, null, List.of(), List.of(), List.of())));
        }
        if (chosenScreen == null && chosenGroup == null) {
            return HttpResponse.ok(Pages.page(WEEK_VIEW, new WeekPage(screenChoices, groupChoices, null, asked, null,
                    null, null, null, List.of(), List.of(), List.of())));
        }
        String targetName;
        String query;
        List<ScheduleEntry> aimed;
        if (chosenScreen != null) {
            Screen target = screens.require(chosenScreen);
            aimed = entryService.aimedAtScreen(target);
            targetName = target.name();
            query = "screen=" + target.slug();
        } else {
            ScreenGroup target = groups.require(chosenGroup);
            aimed = entryService.aimedAtGroup(target);
            targetName = target.name();
            query = "group=" + target.slug();
        }
        List<WeekCalendar.Placed<ScheduleEntry>> placed = aimed.stream().map(e -> new WeekCalendar.Placed<>(e, e.timeRule())).toList();
        List<List<WeekCalendar.Cell<ScheduleEntry>>> grid = WeekCalendar.grid(monday, placed, times.zone());
        List<String> days = new ArrayList<>();
        for (int d = 0; d < 7; d++) {
            days.add(times.day(monday.plusDays(d), lang));
        }
        List<HourRow> hours = new ArrayList<>();
        for (List<WeekCalendar.Cell<ScheduleEntry>> row : grid) {
            int hour = row.get(0).hour();
            List<Cell> cells = new ArrayList<>();
            for (WeekCalendar.Cell<ScheduleEntry> cell : row) {
                cells.add(new Cell(days.get(cell.day().getDayOfWeek().getValue() - 1),
                        cell.entries().stream().map(ScheduleEntry::name).toList(),
                        cell.entries().stream().anyMatch(e -> "emergency".equals(e.kind()))));
            }
            hours.add(new HourRow(times.time(LocalTime.of(hour, 0), lang), cells));
        }
        Map<Long, String> playlistNames = playlistNames();
        Map<Long, String> screenNames = new HashMap<>();
        screens.list(SchedulePagesController.query("name")).getContent().forEach(v -> screenNames.put(v.id(), v.name()));
        Map<Long, String> groupNames = new HashMap<>();
        groups.list(SchedulePagesController.query("name")).getContent().forEach(v -> groupNames.put(v.id(), v.name()));
        List<Legend> legend = aimed.stream().map(e -> new Legend(e.slug(), e.name(), playlistNames.getOrDefault(e.playlistId(), ""),
                words.describe(e.timeRule(), lang), e.priority(), e.kind().value(),
                targetLabel(e, lang, screenNames, groupNames))).toList();
        return HttpResponse.ok(Pages.page(WEEK_VIEW, new WeekPage(screenChoices, groupChoices, targetName, asked, null,
                "/admin/schedules/week?" + query + "&week=" + SchedulePagesController.isoWeek(monday.minusWeeks(1)),
                "/admin/schedules/week?" + query + "&week=" + SchedulePagesController.isoWeek(monday.plusWeeks(1)),
                times.date(monday, lang) + " – " + times.date(monday.plusDays(6), lang), days, hours, legend)));
    }

    @Get("/timeline")
    HttpResponse<ModelAndView<Map<String, Object>>> timeline(@Nullable @QueryValue String screen, @Nullable @QueryValue String day,
                                                              Authentication authentication, HttpRequest<?> request) {
        staff.require(authentication);
        String lang = StaffLanguage.of(request);
        String chosen = blankToNull(screen);
        String asked = day == null || day.isBlank() ? LocalDate.now(clock.withZone(times.zone())).toString() : day.strip();
        List<Choice> screenChoices = screens.list(SchedulePagesController.query("name")).getContent().stream()
                .map(s -> new Choice(s.slug(), s.name(), s.slug().equals(chosen))).toList();
        LocalDate date;
        try {
            date = LocalDate.parse(asked);
        } catch (DateTimeParseException e) {
            return HttpResponse.<ModelAndView<Map<String, Object>>>status(HttpStatus.BAD_REQUEST)
                    .body(Pages.page(TIMELINE_VIEW, new TimelinePage(screenChoices, chosen, null, asked,
                            messages.text(lang, "schedules.timeline.invalidDay"), null, null, null, List.of())));
        }
        if (chosen == null) {
            return HttpResponse.ok(Pages.page(TIMELINE_VIEW, new TimelinePage(screenChoices, null, null, asked, null, null,
                    null, null, List.of())));
        }
        Screen target = screens.require(chosen);
        Instant dayStart = date.atStartOfDay(times.zone()).toInstant();
        Instant dayEnd = date.plusDays(1).atStartOfDay(times.zone()).toInstant();
        ScreenScheduleService.Timeline timeline = schedule.timeline(target.slug(), dayStart.toString(), dayEnd.toString());
        Map<String, ScheduleEntry> bySlug = new HashMap<>();
        entryService.findAll().forEach(e -> bySlug.put(e.slug(), e));
        Map<Long, String> playlistNames = playlistNames();
        Map<String, String> playlistNamesBySlug = new HashMap<>();
        playlists.list(SchedulePagesController.query("name")).getContent().forEach(p -> playlistNamesBySlug.put(p.slug(), p.name()));
        List<Segment> segments = new ArrayList<>();
        for (ScreenScheduleService.SegmentView s : timeline.segments()) {
            Instant start = OffsetDateTime.parse(s.start()).toInstant();
            Instant end = OffsetDateTime.parse(s.end()).toInstant();
            List<Winner> winners = s.reason().winners().stream().map(w -> {
                ScheduleEntry entry = bySlug.get(w.entry());
                return new Winner(entry == null ? w.entry() : entry.name(), entry == null ? "" : playlistNames.getOrDefault(entry.playlistId(), ""), w.priority(),
                        entry == null ? w.rule() : words.describe(entry.timeRule(), lang));
            }).toList();
            ScheduleEntry first = s.reason().winners().isEmpty() ? null : bySlug.get(s.reason().winners().get(0).entry());
            List<Loser> losers = s.reason().losers().stream().map(l -> {
                ScheduleEntry entry = bySlug.get(l.entry());
                return new Loser(entry == null ? l.entry() : entry.name(), entry == null ? "" : playlistNames.getOrDefault(entry.playlistId(), ""),
                        whyLost(entry, first, l.why(), lang));
            }).toList();
            segments.add(new Segment(clock(start, dayEnd, lang), clock(end, dayEnd, lang), s.reason().kind(),
                    s.playlists().stream().map(p -> playlistNamesBySlug.getOrDefault(p, p)).toList(),
                    s.announcements(), winners, losers, airtime(s.airtime())));
        }
        return HttpResponse.ok(Pages.page(TIMELINE_VIEW, new TimelinePage(screenChoices, target.slug(), target.name(), asked, null,
                times.day(date, lang) + " " + date.getYear(),
                "/admin/schedules/timeline?screen=" + target.slug() + "&day=" + date.minusDays(1),
                "/admin/schedules/timeline?screen=" + target.slug() + "&day=" + date.plusDays(1), segments)));
    }

    /** The reason a contender lost, in the page's language; the resolver's English if the entries are gone. */
    private String whyLost(@Nullable ScheduleEntry loser, @Nullable ScheduleEntry winner, String english, String lang) {
        if (loser == null || winner == null) {
            return english;
        }
        if ("emergency".equals(winner.kind()) && !"emergency".equals(loser.kind())) {
            return messages.text(lang, "schedules.timeline.lost.emergency");
        }
        if (loser.priority() < winner.priority()) {
            return messages.text(lang, "schedules.timeline.lost.priority", String.valueOf(loser.priority()),
                    String.valueOf(winner.priority()));
        }
        return messages.text(lang, "schedules.timeline.lost.newerEmergency", String.valueOf(winner.priority()));
    }

    /** A time of the day; the end of the day is 24.00, not the next day's 00.00. */
    private String clock(Instant instant, Instant dayEnd, String lang) {
        if (instant.equals(dayEnd)) {
            return "en".equals(lang) ? "24:00" : "24.00";
        }
        return times.time(instant, lang);
    }

    private String targetLabel(ScheduleEntry entry, String lang, Map<Long, String> screenNames, Map<Long, String> groupNames) {
        return switch (entry.targetKind()) {
            case SCREEN -> screenNames.getOrDefault(entry.targetScreenId(), "");
            case GROUP -> groupNames.getOrDefault(entry.targetGroupId(), "");
            case ALL -> messages.text(lang, "schedules.target.all");
        };
    }

    private Map<Long, String> playlistNames() {
        Map<Long, String> names = new HashMap<>();
        playlists.list(SchedulePagesController.query("name")).getContent().forEach(p -> names.put(p.id(), p.name()));
        return names;
    }

    /** The Monday of an ISO week such as "2026-W49", or null if it is not one. */
    static @Nullable LocalDate monday(String week) {
        Matcher m = WEEK.matcher(week);
        if (!m.matches()) {
            return null;
        }
        int year = Integer.parseInt(m.group(1));
        int number = Integer.parseInt(m.group(2));
        LocalDate probe = LocalDate.of(year, 6, 1);
        if (number < 1 || number > probe.range(IsoFields.WEEK_OF_WEEK_BASED_YEAR).getMaximum()) {
            return null;
        }
        return probe.with(IsoFields.WEEK_OF_WEEK_BASED_YEAR, number).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
