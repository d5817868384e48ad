package dk.albertslund.signage.staff;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.web.Messages;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
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
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import dk.albertslund.signage.core.CampusTime;

/**
 * The administrators' pages for staff accounts: the list, inviting someone (the page then
 * shows the one-time link to hand over), changing roles and institutions, deactivating and
 * reactivating, and a new link for someone who lost theirs. The service checks that the
 * person is an administrator; everyone else gets its 403.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/users")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
@Secured(SecurityRule.IS_AUTHENTICATED)
class UserPagesController {

    static final String LIST_VIEW = "users/list";
    static final String FORM_VIEW = "users/form";
    static final String LINK_VIEW = "users/link";
    private static final int PAGE_SIZE = 50;
    /** A message key of this page, not a service's sentence (so not one for the server-messages table). */
    private static final String USERNAME_TAKEN = "users.error.usernameTaken";
    private static final ListQuery ALL_INSTITUTIONS = new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("name")), Map.of());

    private final StaffService service;
    private final StaffDirectory staff;
    private final InstitutionNames institutions;
    private final Messages messages;
    private final SignageConfiguration configuration;
    private final Clock clock;
    private final CampusTime times;

    UserPagesController(StaffService service, StaffDirectory staff, InstitutionNames institutions, Messages messages,
                        SignageConfiguration configuration, Clock clock, CampusTime times) {
        this.service = service;
        this.staff = staff;
        this.institutions = institutions;
        this.messages = messages;
        this.configuration = configuration;
        this.clock = clock;
        this.times = times;
    }

    /** The list with the filters as typed; {@code previous}/{@code next} are links to the neighbouring pages. */
    public record UsersPage(List<Row> users, Filters filters, List<Choice> roleChoices, long total,
                            @Nullable String previous, @Nullable String next) {
    }

    /** One account; {@code institutions} are names; roles are keys. */
    public record Row(String username, String displayName, List<String> roles, List<String> institutions, boolean active,
                      String href) {
    }

    public record Filters(@Nullable String q, @Nullable String role, @Nullable String active) {
    }

    /**
     * The invite form ({@code editing} false) or an account's edit page. Errors are
     * message texts, each shown beside its field; {@code activeError} beside the
     * deactivate button.
     */
    public record UserForm(String heading, boolean editing, String action, @Nullable String username, @Nullable String displayName,
                           boolean active, List<Choice> roles, List<Choice> institutions,
                           @Nullable String usernameError, @Nullable String displayNameError, @Nullable String rolesError,
                           @Nullable String institutionsError, @Nullable String activeError, @Nullable String linkError) {
    }

    /** A checkbox or option: the value sent, its label (a message key for roles, a name for institutions). */
    public record Choice(String value, String label, boolean checked) {
    }

    /** The one-time link to hand over, shown once: for a new account or a new link for an old one. */
    public record LinkPage(boolean created, String username, String displayName, String link, String expiresAt) {
    }

    @Serdeable
    record UserFormData(@Nullable String username, @Nullable String displayName, @Nullable List<String> roles,
                        @Nullable List<String> institutions, @Nullable String csrfToken) implements CsrfForm {
    }

    @Serdeable
    record ActiveForm(@Nullable String active, @Nullable String csrfToken) implements CsrfForm {
    }

    @Get
    ModelAndView<Map<String, Object>> list(HttpRequest<?> request, Authentication authentication) {
        // a filter form sends its empty fields too; empty means "any", not "invalid"
        Map<String, String> chosen = new LinkedHashMap<>();
        for (String name : List.of("q", "role", "active")) {
            request.getParameters().getFirst(name).map(String::strip).filter(value -> !value.isEmpty())
                    .ifPresent(value -> chosen.put(name, value));
        }
        int pageNumber = ListQuery.page(request.getParameters());
        ListQuery query = new ListQuery(pageNumber, PAGE_SIZE, Sort.of(Sort.Order.asc("displayName")), chosen);
        Page<StaffService.View> page = service.list(staff.require(authentication), query);
        Map<String, String> names = institutionNames();
        List<Row> rows = page.getContent().stream()
                .map(user -> new Row(user.username(), user.displayName(), user.roles(),
                        user.institutions().stream().map(slug -> names.getOrDefault(slug, slug)).toList(), user.active(),
                        "/admin/users/" + user.username()))
                .toList();
        Filters filters = new Filters(query.filters().get("q"), query.filters().get("role"), query.filters().get("active"));
        return Pages.page(LIST_VIEW, new UsersPage(rows, filters, roleChoices(filters.role() == null ? List.of() : List.of(filters.role())),
                page.getTotalSize(),
                query.page() > 0 ? pageLink(filters, query.page() - 1) : null,
                query.page() + 1 < page.getTotalPages() ? pageLink(filters, query.page() + 1) : null));
    }

    @Get("/new")
    ModelAndView<Map<String, Object>> invitation(Authentication authentication) {
        Staff actor = staff.require(authentication);
        if (!actor.isAdmin()) {
            // the form would only be refused when sent
            throw ProblemException.forbidden("staff.forbidden");
        }
        return Pages.page(FORM_VIEW, inviteForm(null, null, List.of(), List.of(), List.of(), null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> invite(@Body UserFormData form, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        StaffService.Created created;
        try {
            created = service.create(actor, new StaffService.Command(form.username(), form.displayName(), form.roles(),
                    form.institutions(), null, null));
        } catch (ProblemException e) {
            if (e.status() == 409) {
                // the one conflict of a new account: the username is taken
                return Pages.page(HttpStatus.CONFLICT, FORM_VIEW, inviteForm(form.username(), form.displayName(), list(form.roles()),
                        list(form.institutions()), List.of(new Problem.FieldError("username", USERNAME_TAKEN)), null));
            }
            if (e.status() != 400) {
                throw e;
            }
            return Pages.page(HttpStatus.BAD_REQUEST, FORM_VIEW, inviteForm(form.username(), form.displayName(), list(form.roles()),
                    list(form.institutions()), e.errors(), null));
        }
        StaffService.View user = created.staff();
        return linkPage(new LinkPage(true, user.username(), user.displayName(), created.invitationUrl(), linkExpiry(request)));
    }

    @Get("/{username}")
    ModelAndView<Map<String, Object>> edit(@PathVariable String username, Authentication authentication) {
        StaffService.View user = service.get(staff.require(authentication), username);
        return Pages.page(FORM_VIEW, editForm(user, user.displayName(), user.roles(), user.institutions(), List.of(), null, null));
    }

    @Post(value = "/{username}", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> save(@PathVariable String username, @Body UserFormData form, Authentication authentication) {
        Staff actor = staff.require(authentication);
        try {
            // unticking every box sends no field at all, which must mean "none", not "unchanged"
            service.update(actor, username, new StaffService.Command(null, form.displayName(), list(form.roles()),
                    list(form.institutions()), null, null));
        } catch (ProblemException e) {
            if (e.status() != 400 && e.status() != 409) {
                throw e;
            }
            StaffService.View user = service.get(actor, username);
            // the one conflict of a change: it would leave nobody to administer the system
            List<Problem.FieldError> errors = e.status() == 409 ? List.of(lastAdmin(actor, user, "roles")) : e.errors();
            return Pages.page(HttpStatus.valueOf(e.status()), FORM_VIEW,
                    editForm(user, form.displayName(), list(form.roles()), list(form.institutions()), errors, null, null));
        }
        return Pages.seeOther("/admin/users?notice=users.saved");
    }

    @Post(value = "/{username}/active", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> active(@PathVariable String username, @Body ActiveForm form, Authentication authentication) {
        Staff actor = staff.require(authentication);
        boolean active = "true".equals(form.active());
        try {
            service.update(actor, username, new StaffService.Command(null, null, null, null, null, active));
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            StaffService.View user = service.get(actor, username);
            return Pages.page(HttpStatus.CONFLICT, FORM_VIEW, editForm(user, user.displayName(), user.roles(), user.institutions(),
                    List.of(), lastAdmin(actor, user, "active").message().key(), null));
        }
        return Pages.seeOther("/admin/users/" + username + "?notice=" + (active ? "users.reactivated" : "users.deactivated"));
    }

    @Post(value = "/{username}/link", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> newLink(@PathVariable String username, @Body CsrfForm.TokenOnly form, Authentication authentication,
                                   HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        try {
            String link = service.invite(actor, username);
            StaffService.View user = service.get(actor, username);
            return linkPage(new LinkPage(false, user.username(), user.displayName(), link, linkExpiry(request)));
        } catch (ProblemException e) {
            if (e.status() != 409) {
                throw e;
            }
            StaffService.View user = service.get(actor, username);
            return Pages.page(HttpStatus.CONFLICT, FORM_VIEW, editForm(user, user.displayName(), user.roles(), user.institutions(),
                    List.of(), null, e.detail().key().equals("staff.password.fromProvider")
                            ? "users.error.linkProvider" : "users.error.linkDeactivated"));
        }
    }

    /** The link is a password in all but name: shown once, kept out of caches and Referer headers. */
    private static MutableHttpResponse<?> linkPage(LinkPage page) {
        return Pages.page(HttpStatus.OK, LINK_VIEW, page)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer");
    }

    /** When a link made now stops working, on the campus clock, in the page's language. */
    private String linkExpiry(HttpRequest<?> request) {
        String lang = StaffLanguage.of(request);
        return times.dateTime(clock.instant().plus(configuration.getSecurity().getSetupTokenTtl()), lang);
    }

    private static Problem.FieldError lastAdmin(Staff actor, StaffService.View user, String field) {
        return new Problem.FieldError(field, user.username().equals(actor.username()) ? "users.error.lastAdminSelf" : "users.error.lastAdmin");
    }

    private UserForm inviteForm(@Nullable String username, @Nullable String displayName, List<String> roles,
                                List<String> chosenInstitutions, List<Problem.FieldError> errors, @Nullable String linkError) {
        return new UserForm("users.new.title", false, "/admin/users", username, displayName, true, roleChoices(roles), institutionChoices(chosenInstitutions),
                error(errors, "username", "users.error.username"), error(errors, "displayName", "users.error.displayName"),
                error(errors, "roles", "users.error.roles"), institutionsError(errors, roles), null, linkError);
    }

    private UserForm editForm(StaffService.View user, @Nullable String displayName, List<String> roles, List<String> chosenInstitutions,
                              List<Problem.FieldError> errors, @Nullable String activeError, @Nullable String linkError) {
        return new UserForm("users.edit.title", true, "/admin/users/" + user.username(), user.username(), displayName, user.active(),
                roleChoices(roles), institutionChoices(chosenInstitutions), null,
                error(errors, "displayName", "users.error.displayName"), error(errors, "roles", "users.error.roles"),
                institutionsError(errors, roles), activeError, linkError);
    }

    /**
     * The service words its refusals in English for the API; the page shows each as a
     * message key in the person's language. Keys this controller chose itself pass through.
     */
    @Nullable
    private static String error(List<Problem.FieldError> errors, String field, String key) {
        Message message = Problem.messageFor(errors, field);
        if (message == null) {
            return null;
        }
        return message.key().startsWith("users.error.") ? message.key() : key;
    }

    @Nullable
    private static String institutionsError(List<Problem.FieldError> errors, List<String> roles) {
        boolean editorWithout = roles.stream().anyMatch(role -> Role.parse(role).orElse(null) == Role.EDITOR);
        return error(errors, "institutions", editorWithout ? "users.error.editorNeedsInstitution" : "users.error.institutions");
    }

    private static List<Choice> roleChoices(List<String> chosen) {
        return Arrays.stream(Role.values())
                .map(role -> new Choice(role.storedName(), "role." + role.storedName(), chosen.contains(role.storedName())))
                .toList();
    }

    private List<Choice> institutionChoices(List<String> chosen) {
        List<Choice> choices = new ArrayList<>();
        institutionNames().forEach((slug, name) -> choices.add(new Choice(slug, name, chosen.contains(slug))));
        return choices;
    }

    private Map<String, String> institutionNames() {
        Map<String, String> names = new LinkedHashMap<>();
        institutions.all().forEach(institution -> names.put(institution.slug(), institution.name()));
        return names;
    }

    private static String pageLink(Filters filters, int page) {
        StringBuilder link = new StringBuilder("/admin/users?page=").append(page);
        appendParameter(link, "q", filters.q());
        appendParameter(link, "role", filters.role());
        appendParameter(link, "active", filters.active());
        return link.toString();
    }

    private static void appendParameter(StringBuilder link, String name, @Nullable String value) {
        if (value != null) {
            link.append('&').append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }

    private static List<String> list(@Nullable List<String> values) {
        return values == null ? List.of() : values;
    }
}
