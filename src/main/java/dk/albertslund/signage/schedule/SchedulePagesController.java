package dk.albertslund.signage.schedule;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.StoredValue;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Sort;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import dk.albertslund.signage.core.CampusTime;

/**
 * The schedule pages: every entry with its rule in words, and the form for one entry
 * (playlist, target, days or an RRULE preset, times, dates, priority, kind). The services
 * decide who may change what; the pages only leave out what a person may not do.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/schedules")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class SchedulePagesController {

    static final String LIST_VIEW = "schedules/list";
    static final String FORM_VIEW = "schedules/form";
    static final List<String> DAYS = List.of("MON", "TUE", "WED", "THU", "FRI", "SAT", "SUN");
    /** Priorities by name, because −1000…1000 told staff nothing about what wins; the number stays under "Advanced". */
    static final List<String> PRIORITY_LEVELS = List.of("0", "100", "1000");
    static final String CUSTOM_PRIORITY = "custom";

    private final ScheduleEntryService entries;
    private final PlaylistService playlists;
    private final InstitutionService institutions;
    private final ScreenService screens;
    private final ScreenGroupService groups;
    private final StaffDirectory staff;
    private final RuleWords words;
    private final CampusTime times;
    private final Clock clock;

    SchedulePagesController(ScheduleEntryService entries, PlaylistService playlists,
                            InstitutionService institutions, ScreenService screens, ScreenGroupService groups,
                            StaffDirectory staff, RuleWords words, CampusTime times, Clock clock) {
        this.entries = entries;
        this.playlists = playlists;
        this.institutions = institutions;
        this.screens = screens;
        this.groups = groups;
        this.staff = staff;
        this.words = words;
        this.times = times;
        this.clock = clock;
    }

    /** The list, with the pickers that open a week calendar or a day's timeline. */
    public record ListPage(List<Row> entries, boolean mayCreate, List<Choice> screens, List<Choice> groups,
                           String week, String day) {
    }

    /** One entry; {@code target} is a screen's or group's name, null for all screens. */
    public record Row(String slug, String name, String playlist, String playlistName, String targetKind, @Nullable String target,
                      String rule, int priority, String kind, boolean mayChange) {
    }

    /** A choice in a select or a set of checkboxes; {@code label} is a name or a message key, as the template says. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** Service and time-rule messages beside the fields they are about. */
    public record Errors(@Nullable Message name, @Nullable Message slug, @Nullable Message playlist, @Nullable Message targetKind,
                         @Nullable Message target, @Nullable Message days, @Nullable Message rrule,
                         @Nullable Message startTime, @Nullable Message endTime, @Nullable Message startDate,
                         @Nullable Message endDate, @Nullable Message priority, @Nullable Message kind) {

        static final Errors NONE = new Errors(null, null, null, null, null, null, null, null, null, null, null, null, null);

        static Errors of(List<Problem.FieldError> e) {
            return new Errors(Problem.messageFor(e, "name"), Problem.messageFor(e, "slug"), Problem.messageFor(e, "playlist"), Problem.messageFor(e, "targetKind"),
                    Problem.messageFor(e, "target"), Problem.messageFor(e, "days"), Problem.messageFor(e, "rrule"),
                    Problem.messageFor(e, "startTime"), Problem.messageFor(e, "endTime"), Problem.messageFor(e, "startDate"),
                    Problem.messageFor(e, "endDate"), Problem.messageFor(e, "priority"), Problem.messageFor(e, "kind"));
        }
    }

    /**
     * The entry form as shown: the person's input, the choices and the errors. {@code title}
     * is the stored name an existing entry is headed by, so a half-typed name does not retitle the page.
     */
    public record FormPage(boolean isNew, String heading, String title, String name, String slug, @Nullable String rule, boolean mayChange,
                           List<Choice> playlists, List<Choice> targetKinds, List<Choice> screens, List<Choice> groups,
                           List<Choice> days, String startTime, String endTime, String startDate, String endDate,
                           List<Choice> presets, String rrule, String priority, List<Choice> priorityLevels,
                           boolean customPriority, List<Choice> kinds, Errors errors) {
    }

    @Serdeable
    record EntryForm(@Nullable String name, @Nullable String slug, @Nullable String playlist, @Nullable String targetKind,
                     @Nullable String screen, @Nullable String group, @Nullable List<String> days,
                     @Nullable String startTime, @Nullable String endTime, @Nullable String startDate,
                     @Nullable String endDate, @Nullable String rrulePreset, @Nullable String rrule,
                     @Nullable String priority, @Nullable String priorityLevel, @Nullable String kind,
                     @Nullable String csrfToken) implements CsrfForm {

        static EntryForm of(ScheduleEntryService.View entry) {
            return new EntryForm(entry.name(), entry.slug(), entry.playlist(), entry.targetKind(),
                    "screen".equals(entry.targetKind()) ? entry.target() : null,
                    "group".equals(entry.targetKind()) ? entry.target() : null, entry.days(), entry.startTime(), entry.endTime(),
                    entry.startDate(), entry.endDate(), null, entry.rrule(), String.valueOf(entry.priority()), null, entry.kind(), null);
        }

        /**
         * The named level chosen, as the number the service stores; the number field counts only when
         * "another number" is chosen, or when no level was sent at all (a form without the select).
         */
        EntryForm withLevelApplied() {
            if (priorityLevel == null || priorityLevel.isBlank() || CUSTOM_PRIORITY.equals(priorityLevel)) {
                return this;
            }
            return new EntryForm(name, slug, playlist, targetKind, screen, group, days, startTime, endTime, startDate, endDate,
                    rrulePreset, rrule, priorityLevel.strip(), null, kind, csrfToken);
        }

        /** The RRULE typed, else the preset chosen, so the presets work without scripts too. */
        @Nullable
        String recurrence() {
            return rrule != null && !rrule.isBlank() ? rrule.strip() : blankToNull(rrulePreset);
        }

        ScheduleEntryService.Command command() {
            Integer parsedPriority = null;
            if (priority != null && !priority.isBlank()) {
                try {
                    parsedPriority = Integer.valueOf(priority.strip());
                } catch (NumberFormatException e) {
                    // out of every range, so the service names it beside the field with the others
                    parsedPriority = Integer.MIN_VALUE;
                }
            }
            String target = "screen".equals(targetKind) ? blankToNull(screen) : "group".equals(targetKind) ? blankToNull(group) : null;
            // a blank name is sent as blank, so the service asks for one instead of deriving it as it does for scripts
            return new ScheduleEntryService.Command(blankToNull(slug), name == null ? "" : name, blankToNull(playlist), blankToNull(targetKind), target,
                    blankToNull(startDate), blankToNull(endDate), days == null ? List.of() : days, recurrence(),
                    startTime, endTime, parsedPriority, blankToNull(kind));
        }
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        Map<String, PlaylistService.View> playlistsBySlug = playlistsBySlug();
        Map<String, Long> institutionIds = institutionIds();
        Map<String, String> screenNames = new HashMap<>();
        List<Choice> screenChoices = screens.list(query("name")).getContent().stream()
                .peek(s -> screenNames.put(s.slug(), s.name()))
                .map(s -> new Choice(s.slug(), s.name(), false)).toList();
        Map<String, String> groupNames = new HashMap<>();
        List<Choice> groupChoices = groups.list(query("name")).getContent().stream()
                .peek(g -> groupNames.put(g.slug(), g.name()))
                .map(g -> new Choice(g.slug(), g.name(), false)).toList();
        Map<String, TimeRule> rules = new HashMap<>();
        entries.findAll().forEach(e -> rules.put(e.slug(), e.timeRule()));
        List<Row> rows = entries.list(query("name")).getContent().stream().map(e -> {
            PlaylistService.View playlist = playlistsBySlug.get(e.playlist());
            Long owner = playlist == null || playlist.institution() == null ? null : institutionIds.get(playlist.institution());
            String target = e.target() == null ? null
                    : "screen".equals(e.targetKind()) ? screenNames.getOrDefault(e.target(), e.target()) : groupNames.getOrDefault(e.target(), e.target());
            return new Row(e.slug(), e.name(), e.playlist(), playlist == null ? e.playlist() : playlist.name(), e.targetKind(), target,
                    words.describe(rules.get(e.slug()), lang), e.priority(), e.kind(),
                    ScheduleEntryService.mayChange(actor, kindOf(e.kind()), owner));
        }).toList();
        LocalDate today = LocalDate.now(clock.withZone(times.zone()));
        return Pages.page(LIST_VIEW, new ListPage(rows, ScheduleEntryService.mayCreate(actor), screenChoices, groupChoices,
                isoWeek(today), today.toString()));
    }

    @Get("/new")
    ModelAndView<Map<String, Object>> newEntry(@Nullable @QueryValue String playlist, Authentication authentication) {
        Staff actor = requireScheduler(authentication);
        EntryForm blank = new EntryForm(null, null, playlist, "group", null, null, List.of("MON", "TUE", "WED", "THU", "FRI"),
                "07:00", "10:00", null, null, null, null, "0", null, "normal", null);
        return Pages.page(FORM_VIEW, formPage(actor, true, blank, null, null, Errors.NONE));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(@Body EntryForm posted, Authentication authentication) {
        Staff actor = requireScheduler(authentication);
        EntryForm form = posted.withLevelApplied();
        ScheduleEntryService.View created;
        try {
            created = entries.create(actor, form.command());
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Pages.page(HttpStatus.BAD_REQUEST, FORM_VIEW, formPage(actor, true, form, null, null, Errors.of(e.errors())));
        }
        return Pages.seeOther(path(created.slug()) + "?notice=schedules.created");
    }

    @Get("/{slug}")
    ModelAndView<Map<String, Object>> edit(@PathVariable String slug, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        ScheduleEntryService.View entry = entries.get(slug);
        String rule = words.describe(entries.require(slug).timeRule(), StaffLanguage.of(request));
        return Pages.page(FORM_VIEW, formPage(actor, false, EntryForm.of(entry), entry.name(), rule, Errors.NONE));
    }

    @Post(value = "/{slug}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> update(@PathVariable String slug, @Body EntryForm posted, Authentication authentication,
                                  HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        EntryForm form = posted.withLevelApplied();
        ScheduleEntry existing = entries.require(slug);
        EntryForm kept = new EntryForm(form.name(), null, form.playlist(), form.targetKind(), form.screen(), form.group(), form.days(),
                form.startTime(), form.endTime(), form.startDate(), form.endDate(), form.rrulePreset(), form.rrule(),
                form.priority(), form.priorityLevel(), form.kind(), form.csrfToken());
        try {
            entries.update(actor, slug, kept.command());
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            EntryForm shown = new EntryForm(form.name(), slug, form.playlist(), form.targetKind(), form.screen(), form.group(), form.days(),
                    form.startTime(), form.endTime(), form.startDate(), form.endDate(), form.rrulePreset(), form.rrule(),
                    form.priority(), form.priorityLevel(), form.kind(), null);
            String rule = words.describe(existing.timeRule(), StaffLanguage.of(request));
            return Pages.page(HttpStatus.BAD_REQUEST, FORM_VIEW, formPage(actor, false, shown, existing.name(), rule, Errors.of(e.errors())));
        }
        return Pages.seeOther(path(slug) + "?notice=schedules.saved");
    }

    @Post(value = "/{slug}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> delete(@PathVariable String slug, @Body CsrfForm.TokenOnly form, Authentication authentication) {
        entries.delete(staff.require(authentication), slug);
        return Pages.seeOther("/admin/schedules?notice=schedules.deleted");
    }

    private Staff requireScheduler(Authentication authentication) {
        Staff actor = staff.require(authentication);
        if (!ScheduleEntryService.mayCreate(actor)) {
            throw ProblemException.forbidden("schedule.forbidden.schedule");
        }
        return actor;
    }

    /** A form's or view's kind; a form without one is for normal content. */
    private static EntryKind kindOf(@Nullable String kind) {
        return StoredValue.parse(EntryKind.class, kind).orElse(EntryKind.NORMAL);
    }

    private FormPage formPage(Staff actor, boolean isNew, EntryForm form, @Nullable String title, @Nullable String rule,
                              Errors errors) {
        Map<String, Long> institutionIds = institutionIds();
        List<PlaylistService.View> allPlaylists = playlists.list(query("name")).getContent();
        PlaylistService.View current = allPlaylists.stream().filter(p -> p.slug().equals(form.playlist())).findFirst().orElse(null);
        boolean mayChange = isNew || ScheduleEntryService.mayChange(actor, kindOf(form.kind()),
                current == null || current.institution() == null ? null : institutionIds.get(current.institution()));
        List<Choice> playlistChoices = allPlaylists.stream()
                .filter(p -> p.slug().equals(form.playlist()) || ScheduleEntryService.mayChange(actor, EntryKind.NORMAL,
                        p.institution() == null ? null : institutionIds.get(p.institution())) || actor.canApprove())
                .map(p -> new Choice(p.slug(), p.name(), p.slug().equals(form.playlist())))
                .toList();
        String targetKind = form.targetKind() == null ? "" : form.targetKind();
        Set<String> days = Set.copyOf(form.days() == null ? List.of() : form.days());
        String recurrence = form.rrule() == null ? "" : form.rrule();
        String preset = form.rrulePreset() != null && !form.rrulePreset().isBlank() ? form.rrulePreset() : recurrence;
        String kind = kindOf(form.kind()).value();
        String priority = nonNull(form.priority()).strip();
        boolean customPriority = CUSTOM_PRIORITY.equals(form.priorityLevel()) || !PRIORITY_LEVELS.contains(priority);
        List<String> kinds = actor.canApprove() || kindOf(kind) == EntryKind.EMERGENCY
                ? ScheduleEntryService.KINDS : List.of(EntryKind.NORMAL.value());
        return new FormPage(isNew, isNew ? "schedules.new" : "schedules.edit", nonNull(title), nonNull(form.name()),
                nonNull(form.slug()), rule, mayChange, playlistChoices,
                ScheduleEntryService.TARGET_KINDS.stream().map(k -> new Choice(k, "schedules.target." + k, k.equals(targetKind))).toList(),
                screens.list(query("name")).getContent().stream()
                        .map(s -> new Choice(s.slug(), s.name(), "screen".equals(targetKind) && s.slug().equals(form.screen()))).toList(),
                groups.list(query("name")).getContent().stream()
                        .map(g -> new Choice(g.slug(), g.name(), "group".equals(targetKind) && g.slug().equals(form.group()))).toList(),
                DAYS.stream().map(d -> new Choice(d, "schedules.day." + d, days.contains(d))).toList(),
                nonNull(form.startTime()), nonNull(form.endTime()), nonNull(form.startDate()), nonNull(form.endDate()),
                RuleWords.PRESETS.stream().map(p -> new Choice(p.rrule(), "schedules.preset." + p.key(), p.rrule().equals(preset))).toList(),
                recurrence, nonNull(form.priority()),
                Stream.concat(PRIORITY_LEVELS.stream(), Stream.of(CUSTOM_PRIORITY))
                        .map(l -> new Choice(l, "schedules.priority.level." + l, l.equals(customPriority ? CUSTOM_PRIORITY : priority)))
                        .toList(),
                customPriority,
                kinds.stream().map(k -> new Choice(k, "schedules.kind." + k, k.equals(kind))).toList(),
                errors);
    }

    private Map<String, PlaylistService.View> playlistsBySlug() {
        Map<String, PlaylistService.View> result = new HashMap<>();
        playlists.list(query("name")).getContent().forEach(p -> result.put(p.slug(), p));
        return result;
    }

    private Map<String, Long> institutionIds() {
        Map<String, Long> result = new HashMap<>();
        institutions.list(query("name")).getContent().forEach(i -> result.put(i.slug(), i.id()));
        return result;
    }

    static ListQuery query(String sortBy) {
        return new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc(sortBy)), Map.of());
    }

    private static String path(String slug) {
        return "/admin/schedules/" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    private static String nonNull(@Nullable String value) {
        return value == null ? "" : value;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /** "2026-W49" of a day, as the week field and the calendar's address write it. */
    static String isoWeek(LocalDate day) {
        return String.format(Locale.ROOT, "%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR), day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
    }
}
