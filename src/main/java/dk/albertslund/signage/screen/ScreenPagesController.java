package dk.albertslund.signage.screen;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
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
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The screens page (every staff member sees where the screens are and whether they are
 * on), and for admins the forms to create and change screens and screen groups. A
 * screen's own page, with its kiosks and heartbeats, is in the kiosk feature.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/screens")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class ScreenPagesController {

    static final String LIST_VIEW = "screens/list";
    static final String SCREEN_FORM_VIEW = "screens/screen-form";
    static final String GROUP_FORM_VIEW = "screens/group-form";
    private static final ListQuery EVERY_GROUP = everything();
    private static final List<String> SCREEN_FIELDS = List.of("slug", "name", "location", "orientation", "width", "height",
            "layout", "languages", "groups", "defaultPlaylist", "departures", "airtimeShares");
    private static final List<String> GROUP_FIELDS = List.of("slug", "name", "defaultPlaylist", "airtimeShares");

    private final ScreenService screens;
    private final ScreenGroupService groups;
    private final ScreenOverview overview;
    private final PlaylistService playlists;
    private final StaffDirectory staff;
    private final CampusTime dates;
    private final InstitutionService institutions;

    ScreenPagesController(ScreenService screens, ScreenGroupService groups, ScreenOverview overview, PlaylistService playlists,
                          StaffDirectory staff, CampusTime dates, InstitutionService institutions) {
        this.institutions = institutions;
        this.screens = screens;
        this.groups = groups;
        this.overview = overview;
        this.playlists = playlists;
        this.staff = staff;
        this.dates = dates;
    }

    public record ListPage(boolean admin, List<Line> screens, List<ScreenGroupService.View> groups) {
    }

    /** One screen in the list; times already in words. */
    public record Line(String slug, String name, String location, String orientation, String layout, String size,
                       List<String> groups, boolean online, @Nullable String since, @Nullable String lastHeartbeat) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    /** The screen form; {@code slug} is null when creating. */
    public record ScreenFormPage(@Nullable String slug, ScreenForm form, List<Option> orientations, List<Option> layouts,
                                 List<Option> languages, List<Option> groups, List<Option> playlists, Map<String, Message> errors,
                                 List<Option> departures, List<ShareRow> shares) {

        /** The airtime fields' hint, a message key. */
        public String airtimeHint() {
            return "screens.airtime.hint.screen";
        }

        /** The page's heading, a message key. */
        public String heading() {
            return slug == null ? "screens.form.new" : "screens.form.edit";
        }
    }

    public record GroupFormPage(@Nullable String slug, GroupForm form, List<Option> playlists, Map<String, Message> errors,
                                List<ShareRow> shares) {

        /** The airtime fields' hint, a message key. */
        public String airtimeHint() {
            return "screens.airtime.hint.group";
        }

        /** The page's heading, a message key. */
        public String heading() {
            return slug == null ? "screens.groups.form.new" : "screens.groups.form.edit";
        }
    }

    /** One institution's airtime share field: the percent as typed ("" for none) and what is wrong with it. */
    public record ShareRow(String slug, String name, String percent, @Nullable Message error) {
    }

    /**
     * Airtime shares as a form sends them: the institutions and the percents typed beside
     * them, in the same order, a blank for none (docs/ARCHITECTURE.md, "Fair airtime").
     */
    interface ShareFields {
        @Nullable List<String> shareInstitution();

        @Nullable List<String> sharePercent();

        /** Institution slug → percent as typed, blanks left out. */
        default Map<String, String> typed() {
            Map<String, String> typed = new java.util.LinkedHashMap<>();
            List<String> slugs = shareInstitution() == null ? List.of() : shareInstitution();
            List<String> percents = sharePercent() == null ? List.of() : sharePercent();
            for (int i = 0; i < slugs.size() && i < percents.size(); i++) {
                if (percents.get(i) != null && !percents.get(i).isBlank()) {
                    typed.put(slugs.get(i), percents.get(i).strip());
                }
            }
            return typed;
        }

        static List<String> slugs(Map<String, Integer> shares) {
            return List.copyOf(shares.keySet());
        }

        static List<String> percents(Map<String, Integer> shares) {
            return shares.values().stream().map(String::valueOf).toList();
        }
    }

    /** The screen as the form sends it; sizes as typed, so a wrong one comes back as it was. */
    @Serdeable
    record ScreenForm(@Nullable String slug, @Nullable String name, @Nullable String location, @Nullable String orientation,
                      @Nullable String width, @Nullable String height, @Nullable String layout,
                      @Nullable List<String> languages, @Nullable List<String> groups, @Nullable String defaultPlaylist,
                      @Nullable String infoBand, @Nullable List<String> shareInstitution, @Nullable List<String> sharePercent,
                      @Nullable String csrfToken, @Nullable String departures, @Nullable String touch)
            implements CsrfForm, ShareFields {

        static ScreenForm of(ScreenService.View v) {
            return new ScreenForm(v.slug(), v.name(), v.location(), v.orientation(), String.valueOf(v.width()),
                    String.valueOf(v.height()), v.layout(), v.languages(), v.groups(), v.defaultPlaylist(),
                    v.infoBand() ? "true" : null, ShareFields.slugs(v.airtimeShares()), ShareFields.percents(v.airtimeShares()),
                    null, v.departures(), v.touch() ? "true" : null);
        }
    }

    @Serdeable
    record GroupForm(@Nullable String slug, @Nullable String name, @Nullable String defaultPlaylist,
                     @Nullable List<String> shareInstitution, @Nullable List<String> sharePercent,
                     @Nullable String csrfToken) implements CsrfForm, ShareFields {
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication authentication, HttpRequest<?> request) {
        Staff viewer = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        List<Line> lines = overview.all().stream()
                .map(r -> new Line(r.slug(), r.name(), r.location(), r.orientation(), r.layout(), r.width() + " × " + r.height(),
                        r.groups(), r.online(), dates.dateTime(r.since(), lang), dates.dateTime(r.lastHeartbeatAt(), lang)))
                .toList();
        return Pages.page(LIST_VIEW, new ListPage(viewer.isAdmin(), lines, groups.list(EVERY_GROUP).getContent()));
    }

    @Get("/new")
    ModelAndView<Map<String, Object>> newScreen(Authentication authentication) {
        requireAdmin(authentication);
        ScreenForm empty = new ScreenForm(null, null, null, "landscape", "1920", "1080", "full", List.of("da"), List.of(), null, null,
                null, null, null, "off", null);
        return Pages.page(SCREEN_FORM_VIEW, screenPage(null, empty, List.of()));
    }

    @Post(value = "/new", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(@Body ScreenForm form, Authentication authentication) {
        Staff actor = requireAdmin(authentication);
        try {
            ScreenService.View created = screens.create(actor, command(form, form.slug()));
            return Pages.seeOther("/admin/screens/" + created.slug() + "?notice=saved");
        } catch (ProblemException e) {
            return Pages.page(HttpStatus.valueOf(e.status()), SCREEN_FORM_VIEW, screenPage(null, form, problems(e)));
        }
    }

    @Get("/{slug}/edit")
    ModelAndView<Map<String, Object>> editScreen(@PathVariable String slug, Authentication authentication) {
        requireAdmin(authentication);
        return Pages.page(SCREEN_FORM_VIEW, screenPage(slug, ScreenForm.of(screens.get(slug)), List.of()));
    }

    @Post(value = "/{slug}/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> update(@PathVariable String slug, @Body ScreenForm form, Authentication authentication) {
        Staff actor = requireAdmin(authentication);
        try {
            // the address stays as it is: pages, kiosks and schedules link to it
            ScreenService.View updated = screens.update(actor, slug, command(form, null));
            return Pages.seeOther("/admin/screens/" + updated.slug() + "?notice=saved");
        } catch (ProblemException e) {
            return Pages.page(HttpStatus.valueOf(e.status()), SCREEN_FORM_VIEW, screenPage(slug, form, problems(e)));
        }
    }

    @Get("/groups/new")
    ModelAndView<Map<String, Object>> newGroup(Authentication authentication) {
        requireAdmin(authentication);
        return Pages.page(GROUP_FORM_VIEW, groupPage(null, new GroupForm(null, null, null, null, null, null), List.of()));
    }

    @Post(value = "/groups/new", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> createGroup(@Body GroupForm form, Authentication authentication) {
        Staff actor = requireAdmin(authentication);
        try {
            groups.create(actor, new ScreenGroupService.Command(blankToNull(form.slug()), form.name(),
                    blankToNull(form.defaultPlaylist()), shares(form)));
            return Pages.seeOther("/admin/screens?notice=saved");
        } catch (ProblemException e) {
            return Pages.page(HttpStatus.valueOf(e.status()), GROUP_FORM_VIEW, groupPage(null, form, problems(e)));
        }
    }

    @Get("/groups/{slug}/edit")
    ModelAndView<Map<String, Object>> editGroup(@PathVariable String slug, Authentication authentication) {
        requireAdmin(authentication);
        ScreenGroupService.View group = groups.get(slug);
        return Pages.page(GROUP_FORM_VIEW, groupPage(slug, new GroupForm(group.slug(), group.name(), group.defaultPlaylist(),
                ShareFields.slugs(group.airtimeShares()), ShareFields.percents(group.airtimeShares()), null), List.of()));
    }

    @Post(value = "/groups/{slug}/edit", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> updateGroup(@PathVariable String slug, @Body GroupForm form, Authentication authentication) {
        Staff actor = requireAdmin(authentication);
        try {
            // the address stays as it is, as a screen's does
            groups.update(actor, slug, new ScreenGroupService.Command(null, form.name(), blankToNull(form.defaultPlaylist()),
                    shares(form)));
            return Pages.seeOther("/admin/screens?notice=saved");
        } catch (ProblemException e) {
            return Pages.page(HttpStatus.valueOf(e.status()), GROUP_FORM_VIEW, groupPage(slug, form, problems(e)));
        }
    }

    /**
     * What to show beside the fields: bad input field by field, and a slug already taken
     * (a 409 naming no field) beside the slug. Anything else is not the form's to show.
     */
    private static List<Problem.FieldError> problems(ProblemException e) {
        if (e.status() == 409) {
            return List.of(new Problem.FieldError("slug", e.detail()));
        }
        if (e.status() != 400) {
            throw e;
        }
        return e.errors();
    }

    private ScreenService.Command command(ScreenForm form, @Nullable String slug) {
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        Integer width = pixels(form.width(), "width", errors);
        Integer height = pixels(form.height(), "height", errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return new ScreenService.Command(blankToNull(slug), form.name(), form.location(), form.orientation(), width, height,
                form.layout(), form.languages() == null ? List.of() : form.languages(),
                form.groups() == null ? List.of() : form.groups(), blankToNull(form.defaultPlaylist()), "true".equals(form.infoBand()),
                blankToNull(form.departures()), shares(form), "true".equals(form.touch()));
    }

    /**
     * The shares typed into the form, as the service takes them; every field blank clears
     * them. A percent that is not a whole number is refused here, beside its field.
     */
    private static Map<String, Integer> shares(ShareFields form) {
        Map<String, Integer> shares = new java.util.LinkedHashMap<>();
        List<Problem.FieldError> errors = new java.util.ArrayList<>();
        form.typed().forEach((slug, percent) -> {
            try {
                shares.put(slug, Integer.valueOf(percent));
            } catch (NumberFormatException e) {
                errors.add(new Problem.FieldError("airtimeShares." + slug, Message.of("airtime.percent.range", 100)));
            }
        });
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors);
        }
        return shares;
    }

    /** A share field for every institution, alphabetically, with what was typed and what is wrong. */
    private List<ShareRow> shareRows(ShareFields form, List<Problem.FieldError> problems) {
        Map<String, String> typed = form.typed();
        return institutions.findAll().stream()
                .sorted(java.util.Comparator.comparing(dk.albertslund.signage.institution.Institution::name))
                .map(i -> new ShareRow(i.slug(), i.name(), typed.getOrDefault(i.slug(), ""),
                        Problem.messageFor(problems, "airtimeShares." + i.slug())))
                .toList();
    }

    private static Integer pixels(@Nullable String value, String field, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.strip());
        } catch (NumberFormatException e) {
            errors.add(new Problem.FieldError(field, "screen.pixels.whole"));
            return null;
        }
    }

    private ScreenFormPage screenPage(@Nullable String slug, ScreenForm form, List<Problem.FieldError> problems) {
        List<String> chosenLanguages = form.languages() == null ? List.of() : form.languages();
        List<String> chosenGroups = form.groups() == null ? List.of() : form.groups();
        return new ScreenFormPage(slug, form,
                options(ScreenService.ORIENTATIONS, v -> v, v -> v.equals(form.orientation())),
                options(ScreenService.LAYOUTS, v -> v, v -> v.equals(form.layout())),
                options(ScreenService.LANGUAGES, v -> v, chosenLanguages::contains),
                groups.list(EVERY_GROUP).getContent().stream()
                        .map(g -> new Option(g.slug(), g.name(), chosenGroups.contains(g.slug()))).toList(),
                playlistOptions(form.defaultPlaylist()), errors(problems, SCREEN_FIELDS),
                options(ScreenService.DEPARTURES, v -> v, v -> v.equals(form.departures() == null ? "off" : form.departures())),
                shareRows(form, problems));
    }

    private GroupFormPage groupPage(@Nullable String slug, GroupForm form, List<Problem.FieldError> problems) {
        return new GroupFormPage(slug, form, playlistOptions(form.defaultPlaylist()), errors(problems, GROUP_FIELDS),
                shareRows(form, problems));
    }

    private List<Option> playlistOptions(@Nullable String chosen) {
        return playlists.list(everything()).getContent().stream()
                .map(p -> new Option(p.slug(), p.name(), p.slug().equals(chosen))).toList();
    }

    private static List<Option> options(List<String> values, Function<String, String> label, java.util.function.Predicate<String> selected) {
        return values.stream().map(v -> new Option(v, label.apply(v), selected.test(v))).toList();
    }

    /** Each field's first message, by field name, for the template. */
    static Map<String, Message> errors(List<Problem.FieldError> problems, List<String> fields) {
        Map<String, Message> errors = new HashMap<>();
        for (String field : fields) {
            Message message = Problem.messageFor(problems, field);
            if (message != null) {
                errors.put(field, message);
            }
        }
        return errors;
    }

    private Staff requireAdmin(Authentication authentication) {
        Staff actor = staff.require(authentication);
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("screen.forbidden.both");
        }
        return actor;
    }

    @Nullable
    private static String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static ListQuery everything() {
        return new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("name")), Map.of());
    }
}
