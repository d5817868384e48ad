package dk.albertslund.signage.playlist;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
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

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The playlist pages: the list, a new playlist, and one playlist with its details, its
 * items (moved by buttons that are small forms, so they work by keyboard and without
 * scripts; dragging is an extra that posts the whole new order), and what it plays now.
 * Every change goes through {@link PlaylistService}, which decides who may make it.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/playlists")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class PlaylistPagesController {

    static final String LIST_VIEW = "playlists/list";
    static final String NEW_VIEW = "playlists/new";
    static final String EDIT_VIEW = "playlists/edit";
    private static final int MANY = ListQuery.MAX_SIZE;

    private final PlaylistService playlists;
    private final InstitutionService institutions;
    private final AnnouncementService announcements;
    private final StaffDirectory staff;
    private final CampusTime times;
    private final SharedScreens sharedScreens;

    PlaylistPagesController(PlaylistService playlists, InstitutionService institutions, AnnouncementService announcements,
                            StaffDirectory staff, CampusTime times, SharedScreens sharedScreens) {
        this.sharedScreens = sharedScreens;
        this.playlists = playlists;
        this.institutions = institutions;
        this.announcements = announcements;
        this.staff = staff;
        this.times = times;
    }

    /** The list: every playlist with its owner, items and rule; links to the ones the person may change. */
    public record ListPage(List<Row> playlists, boolean mayCreate) {
    }

    public record Row(String slug, String name, @Nullable String institution, int items, List<String> categories,
                      List<String> ruleInstitutions, List<String> tags, boolean mayChange) {
    }

    /** A choice in a select or a set of checkboxes; {@code label} is a name or a message key, as the template says. */
    public record Choice(String value, String label, boolean selected) {
    }

    /** Service messages beside the fields they are about. */
    public record Errors(@Nullable Message slug, @Nullable Message name, @Nullable Message institution,
                         @Nullable Message categories, @Nullable Message ruleInstitutions, @Nullable Message tags,
                         @Nullable Message items) {

        static final Errors NONE = new Errors(null, null, null, null, null, null, null);

        static Errors of(List<Problem.FieldError> errors) {
            return new Errors(Problem.messageFor(errors, "slug"), Problem.messageFor(errors, "name"),
                    Problem.messageFor(errors, "institution"), Problem.messageFor(errors, "rule.categories"),
                    Problem.messageFor(errors, "rule.institutions"), Problem.messageFor(errors, "rule.tags"),
                    Problem.messageFor(errors, "items"));
        }
    }

    /** The details form as shown: the person's input, the choices and the errors. */
    public record Details(String slug, String name, List<Choice> institutions, List<Choice> categories,
                          List<Choice> ruleInstitutions, String tags, boolean campusWideAllowed, Errors errors) {
    }

    public record NewPage(Details details) {
    }

    /** One playlist: details, items in order, what may be added, and what it plays now. */
    public record EditPage(PlaylistService.View playlist, @Nullable String institutionName, boolean mayChange,
                           Details details, List<ItemRow> items, List<Choice> addable,
                           List<PlaylistService.Selected> playing, String playingAt, @Nullable Message itemsError,
                           List<SharedScreens.ScreenShares> sharedScreens) {
    }

    public record ItemRow(int position, String slug, String title, String status, boolean first, boolean last) {
    }

    @Serdeable
    record PlaylistForm(@Nullable String slug, @Nullable String name, @Nullable String institution,
                        @Nullable List<String> categories, @Nullable List<String> ruleInstitutions,
                        @Nullable String tags, @Nullable String csrfToken) implements CsrfForm {

        PlaylistService.Command command(@Nullable List<String> items) {
            return new PlaylistService.Command(blankToNull(slug), name, blankToNull(institution), items,
                    new PlaylistService.Rule(categories == null ? List.of() : categories,
                            ruleInstitutions == null ? List.of() : ruleInstitutions, tagList()));
        }

        List<String> tagList() {
            return tags == null || tags.isBlank() ? List.of()
                    : Arrays.stream(tags.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
        }
    }

    /** Moves or removes one item; {@code direction} is "up" or "down". */
    @Serdeable
    record ItemForm(@Nullable String item, @Nullable String direction, @Nullable String csrfToken) implements CsrfForm {
    }

    @Serdeable
    record AddForm(@Nullable String announcement, @Nullable String csrfToken) implements CsrfForm {
    }

    /** The whole order at once, as dragging sends it. */
    @Serdeable
    record OrderForm(@Nullable List<String> items, @Nullable String csrfToken) implements CsrfForm {
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication authentication) {
        Staff actor = staff.require(authentication);
        Map<String, InstitutionService.View> bySlug = institutionsBySlug();
        List<Row> rows = playlists.list(query("name")).getContent().stream()
                .map(p -> {
                    InstitutionService.View owner = p.institution() == null ? null : bySlug.get(p.institution());
                    return new Row(p.slug(), p.name(), owner == null ? null : owner.name(), p.items().size(),
                            nonNull(p.rule().categories()), nonNull(p.rule().institutions()), nonNull(p.rule().tags()),
                            PlaylistService.mayChange(actor, owner == null ? null : owner.id()));
                })
                .toList();
        return Pages.page(LIST_VIEW, new ListPage(rows, PlaylistService.mayCreate(actor)));
    }

    @Get("/new")
    ModelAndView<Map<String, Object>> newPlaylist(Authentication authentication) {
        Staff actor = requireCreator(authentication);
        return Pages.page(NEW_VIEW, new NewPage(details(actor, new PlaylistForm(null, null, null, null, null, null, null), Errors.NONE)));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(@Body PlaylistForm form, Authentication authentication) {
        Staff actor = requireCreator(authentication);
        PlaylistService.View created;
        try {
            created = playlists.create(actor, form.command(List.of()));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Pages.page(HttpStatus.BAD_REQUEST, NEW_VIEW, new NewPage(details(actor, form, Errors.of(e.errors()))));
        }
        return Pages.seeOther(path(created.slug()) + "?notice=playlists.created");
    }

    @Get("/{slug}")
    ModelAndView<Map<String, Object>> edit(@PathVariable String slug, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        PlaylistService.View playlist = playlists.get(slug);
        return Pages.page(EDIT_VIEW, editPage(actor, playlist, formOf(playlist), Errors.NONE, StaffLanguage.of(request)));
    }

    /** Saves name, owner and rule; the items stay as they are. */
    @Post(value = "/{slug}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> update(@PathVariable String slug, @Body PlaylistForm form, Authentication authentication,
                                  HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        PlaylistService.View playlist = playlists.get(slug);
        List<String> items = playlist.items().stream().map(PlaylistService.Item::slug).toList();
        PlaylistForm kept = new PlaylistForm(null, form.name(), form.institution(), form.categories(), form.ruleInstitutions(),
                form.tags(), form.csrfToken());
        try {
            playlists.update(actor, slug, kept.command(items));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Pages.page(HttpStatus.BAD_REQUEST, EDIT_VIEW,
                    editPage(actor, playlist, form, Errors.of(e.errors()), StaffLanguage.of(request)));
        }
        return Pages.seeOther(path(slug) + "?notice=playlists.saved");
    }

    @Post(value = "/{slug}/items/move", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> move(@PathVariable String slug, @Body ItemForm form, Authentication authentication) {
        Staff actor = staff.require(authentication);
        List<String> items = itemSlugs(slug);
        int at = items.indexOf(form.item());
        if (at < 0) {
            throw ProblemException.badRequest("item", "playlist.item.notIn", form.item());
        }
        int to = "up".equals(form.direction()) ? at - 1 : "down".equals(form.direction()) ? at + 1 : -1;
        if (to < 0 || to >= items.size()) {
            // already first or last: nothing to move, and the page shows that
            return Pages.seeOther(path(slug) + "#items");
        }
        items.add(to, items.remove(at));
        playlists.replaceItems(actor, slug, new PlaylistService.ItemsCommand(items));
        return Pages.seeOther(path(slug) + "?notice=playlists.reordered#item-" + form.item());
    }

    @Post(value = "/{slug}/items/remove", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> remove(@PathVariable String slug, @Body ItemForm form, Authentication authentication) {
        Staff actor = staff.require(authentication);
        List<String> items = itemSlugs(slug);
        if (!items.remove(form.item())) {
            throw ProblemException.badRequest("item", "playlist.item.notIn", form.item());
        }
        playlists.replaceItems(actor, slug, new PlaylistService.ItemsCommand(items));
        return Pages.seeOther(path(slug) + "?notice=playlists.removed#items");
    }

    @Post(value = "/{slug}/items/add", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> add(@PathVariable String slug, @Body AddForm form, Authentication authentication,
                               HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        List<String> items = itemSlugs(slug);
        String wanted = form.announcement() == null ? "" : form.announcement().strip();
        try {
            if (wanted.isEmpty()) {
                throw ProblemException.badRequest("items", "playlist.items.choose");
            }
            items.add(wanted);
            playlists.replaceItems(actor, slug, new PlaylistService.ItemsCommand(items));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            PlaylistService.View playlist = playlists.get(slug);
            return Pages.page(HttpStatus.BAD_REQUEST, EDIT_VIEW,
                    editPage(actor, playlist, formOf(playlist), Errors.of(e.errors()), StaffLanguage.of(request)));
        }
        return Pages.seeOther(path(slug) + "?notice=playlists.added#items");
    }

    /** The order dragging made; the same set of items in a new order. */
    @Post(value = "/{slug}/items", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> reorder(@PathVariable String slug, @Body OrderForm form, Authentication authentication) {
        Staff actor = staff.require(authentication);
        List<String> items = itemSlugs(slug);
        List<String> order = form.items() == null ? List.of() : form.items();
        if (order.size() != items.size() || !new HashSet<>(order).equals(new HashSet<>(items))) {
            throw ProblemException.badRequest("items", "playlist.items.order");
        }
        playlists.replaceItems(actor, slug, new PlaylistService.ItemsCommand(order));
        return Pages.seeOther(path(slug) + "?notice=playlists.reordered#items");
    }

    @Post(value = "/{slug}/delete", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> delete(@PathVariable String slug, @Body CsrfForm.TokenOnly form, Authentication authentication) {
        playlists.delete(staff.require(authentication), slug);
        return Pages.seeOther("/admin/playlists?notice=playlists.deleted");
    }

    private Staff requireCreator(Authentication authentication) {
        Staff actor = staff.require(authentication);
        if (!PlaylistService.mayCreate(actor)) {
            throw ProblemException.forbidden("playlist.forbidden.create");
        }
        return actor;
    }

    private EditPage editPage(Staff actor, PlaylistService.View playlist, PlaylistForm form, Errors errors, String lang) {
        Map<String, InstitutionService.View> bySlug = institutionsBySlug();
        InstitutionService.View owner = playlist.institution() == null ? null : bySlug.get(playlist.institution());
        boolean mayChange = PlaylistService.mayChange(actor, owner == null ? null : owner.id());
        List<ItemRow> items = new ArrayList<>();
        for (PlaylistService.Item item : playlist.items()) {
            items.add(new ItemRow(item.position(), item.slug(), item.title(), item.status(),
                    item.position() == 1, item.position() == playlist.items().size()));
        }
        Set<String> present = playlist.items().stream().map(PlaylistService.Item::slug).collect(Collectors.toSet());
        List<Choice> addable = !mayChange ? List.of() : announcements.list(actor, query("title")).getContent().stream()
                .filter(a -> !present.contains(a.slug()))
                .map(a -> new Choice(a.slug(), a.title(), false))
                .toList();
        PlaylistService.Selection playing = playlists.selection(playlist.slug());
        return new EditPage(playlist, owner == null ? null : owner.name(), mayChange, details(actor, form, errors), items, addable,
                playing.items(), times.dateTime(playing.at(), lang), errors.items(), sharedScreens.sharingAirtime(playlist.id()));
    }

    /** The details form: owners the person may choose, every category and institution for the rule. */
    private Details details(Staff actor, PlaylistForm form, Errors errors) {
        List<InstitutionService.View> all = institutions.list(query("name")).getContent();
        String owner = form.institution() == null ? "" : form.institution();
        List<Choice> owners = all.stream()
                .filter(i -> actor.canEdit(i.id()) || i.slug().equals(owner))
                .map(i -> new Choice(i.slug(), i.name(), i.slug().equals(owner)))
                .toList();
        Set<String> categories = Set.copyOf(nonNull(form.categories()));
        Set<String> ruleInstitutions = Set.copyOf(nonNull(form.ruleInstitutions()));
        return new Details(form.slug() == null ? "" : form.slug(), form.name() == null ? "" : form.name(), owners,
                PlaylistService.CATEGORIES.stream()
                        .map(c -> new Choice(c, "playlists.category." + c, categories.contains(c))).toList(),
                all.stream().map(i -> new Choice(i.slug(), i.name(), ruleInstitutions.contains(i.slug()))).toList(),
                String.join(", ", form.tagList()), actor.isAdmin(), errors);
    }

    private static PlaylistForm formOf(PlaylistService.View playlist) {
        return new PlaylistForm(playlist.slug(), playlist.name(), playlist.institution(), playlist.rule().categories(),
                playlist.rule().institutions(), String.join(", ", nonNull(playlist.rule().tags())), null);
    }

    private List<String> itemSlugs(String slug) {
        return new ArrayList<>(playlists.get(slug).items().stream().map(PlaylistService.Item::slug).toList());
    }

    private Map<String, InstitutionService.View> institutionsBySlug() {
        return institutions.list(query("name")).getContent().stream()
                .collect(Collectors.toMap(InstitutionService.View::slug, Function.identity()));
    }

    private static ListQuery query(String sortBy) {
        return new ListQuery(0, MANY, Sort.of(Sort.Order.asc(sortBy)), Map.of());
    }

    private static String path(String slug) {
        return "/admin/playlists/" + URLEncoder.encode(slug, StandardCharsets.UTF_8);
    }

    private static <T> List<T> nonNull(@Nullable List<T> values) {
        return values == null ? List.of() : values;
    }

    private static @Nullable String blankToNull(@Nullable String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
