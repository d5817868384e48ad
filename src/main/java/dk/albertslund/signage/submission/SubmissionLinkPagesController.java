package dk.albertslund.signage.submission;

import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.web.Messages;
import dk.albertslund.signage.web.Pages;
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
import io.swagger.v3.oas.annotations.Hidden;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The staff page for submission links (admins and approvers): make one for a group, see
 * each link's state and how many messages it took this week, revoke one. A new link's
 * address is shown once, on the page the form answers with, to copy and hand to the group.
 */
@Hidden // a staff page, not API: kept out of the OpenAPI document
@Controller("/admin/submission-links")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class SubmissionLinkPagesController {

    static final String VIEW = "submission/links";

    private final SubmissionLinks links;
    private final StaffDirectory staff;
    private final InstitutionService institutions;
    private final Messages messages;
    private final CampusTime times;

    SubmissionLinkPagesController(SubmissionLinks links, StaffDirectory staff, InstitutionService institutions, Messages messages,
                                  CampusTime times) {
        this.links = links;
        this.staff = staff;
        this.institutions = institutions;
        this.messages = messages;
        this.times = times;
    }

    public record Row(long id, String groupName, String institution, int weeklyLimit, int sentThisWeek, String expiresAt,
                      String state, String stateText, boolean active) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    /** {@code created} is the new link's address, shown this once. */
    public record LinksPage(List<Row> rows, List<Option> institutions, Map<String, String> values, Map<String, String> errors,
                            @Nullable String created, @Nullable String createdGroup) {
    }

    @Serdeable
    record CreateForm(@Nullable String groupName, @Nullable String institution, @Nullable String expiresInDays,
                      @Nullable String weeklyLimit, @Nullable String csrfToken) implements CsrfForm {
    }

    @Get
    ModelAndView<Map<String, Object>> list(Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        return Pages.page(VIEW, page(actor, StaffLanguage.of(request), Map.of("expiresInDays", "90", "weeklyLimit", "3"), Map.of(),
                null, null));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> create(@Body CreateForm form, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        String lang = StaffLanguage.of(request);
        Map<String, String> values = new HashMap<>();
        values.put("groupName", form.groupName() == null ? "" : form.groupName());
        values.put("institution", form.institution() == null ? "" : form.institution());
        values.put("expiresInDays", form.expiresInDays() == null ? "" : form.expiresInDays());
        values.put("weeklyLimit", form.weeklyLimit() == null ? "" : form.weeklyLimit());
        Map<String, String> errors = new HashMap<>();
        Integer days = number(form.expiresInDays(), "expiresInDays", errors, lang);
        Integer weekly = number(form.weeklyLimit(), "weeklyLimit", errors, lang);
        if (!errors.isEmpty()) {
            return Pages.page(HttpStatus.BAD_REQUEST, VIEW, page(actor, lang, values, errors, null, null));
        }
        try {
            SubmissionLinks.Created created = links.create(actor, new SubmissionLinks.Command(form.groupName(), form.institution(), days, weekly));
            return Pages.page(HttpStatus.CREATED, VIEW, page(actor, lang, Map.of("expiresInDays", "90", "weeklyLimit", "3"), Map.of(),
                    created.address(), created.link().groupName())).header("Cache-Control", "no-store");
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            for (Problem.FieldError error : e.errors()) {
                errors.putIfAbsent(error.field(), messages.text(lang, error.message()));
            }
            return Pages.page(HttpStatus.BAD_REQUEST, VIEW, page(actor, lang, values, errors, null, null));
        }
    }

    @Post(value = "/{id}/revoke", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> revoke(@PathVariable long id, @Body CsrfForm.TokenOnly form, Authentication authentication) {
        links.revoke(staff.require(authentication), id);
        return Pages.seeOther("/admin/submission-links?notice=submissionLinkRevoked");
    }

    private LinksPage page(Staff actor, String lang, Map<String, String> values, Map<String, String> errors, @Nullable String created,
                           @Nullable String createdGroup) {
        List<Row> rows = links.list(actor).stream().map(v -> new Row(v.id(), v.groupName(), v.institutionName(), v.weeklyLimit(),
                v.sentThisWeek(), times.dateTime(v.expiresAt(), lang), v.state(), messages.text(lang, "submission.links.state." + v.state()),
                v.state().equals("active"))).toList();
        String chosen = values.getOrDefault("institution", "");
        List<Option> options = institutions.list(new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("name")), Map.of())).getContent().stream()
                .map(i -> new Option(i.slug(), i.name(), i.slug().equals(chosen))).toList();
        return new LinksPage(rows, options, values, errors, created, createdGroup);
    }

    private static Integer number(@Nullable String value, String field, Map<String, String> errors, String lang) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            errors.put(field, dk.albertslund.signage.core.MessageBundles.text(lang, "submission.links.wholeNumber"));
            return null;
        }
    }
}
