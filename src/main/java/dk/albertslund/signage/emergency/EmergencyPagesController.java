package dk.albertslund.signage.emergency;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.screen.ScreenGroupService;
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

import java.util.List;
import java.util.Map;

/**
 * The emergency page, for approvers and admins: what is on the screens now with a button
 * to end each, and one form to put a message on all screens or a group.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/emergency")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class EmergencyPagesController {

    static final String VIEW = "emergency/emergency";
    private static final ListQuery ALL_GROUPS = new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("name")), Map.of());
    private static final ListQuery ALL_INSTITUTIONS = new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("name")), Map.of());

    private final EmergencyService emergencies;
    private final EmergencyBannerCache banners;
    private final ScreenGroupService groups;
    private final InstitutionService institutions;
    private final StaffDirectory staff;
    private final CampusTime dates;

    EmergencyPagesController(EmergencyService emergencies, EmergencyBannerCache banners, ScreenGroupService groups,
                             InstitutionService institutions, StaffDirectory staff, CampusTime dates) {
        this.emergencies = emergencies;
        this.banners = banners;
        this.groups = groups;
        this.institutions = institutions;
        this.staff = staff;
        this.dates = dates;
    }

    /** The page: emergencies on now, the form (with what was typed and the errors beside the fields). */
    public record EmergencyPage(List<Shown> active, List<Option> institutions, List<Option> groups, Form form,
                                Map<String, Message> errors) {
    }

    /** An emergency as the page lists it: dates in words, the target in the page's language. */
    public record Shown(String slug, String title, String target, String from, @Nullable String until) {
    }

    public record Option(String value, String label, boolean selected) {
    }

    @Serdeable
    record Form(@Nullable String title, @Nullable String body, @Nullable String titleEn, @Nullable String bodyEn,
                @Nullable String institution, @Nullable String target, @Nullable String until,
                @Nullable String csrfToken) implements CsrfForm {
    }

    @Get
    ModelAndView<Map<String, Object>> page(Authentication authentication, HttpRequest<?> request) {
        Staff actor = requireApprover(authentication);
        return Pages.page(VIEW, page(actor, StaffLanguage.of(request), new Form(null, null, null, null, null, "all", null, null), List.of()));
    }

    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> start(@Body Form form, Authentication authentication, HttpRequest<?> request) {
        Staff actor = requireApprover(authentication);
        try {
            emergencies.start(actor, new EmergencyService.Command(form.title(), form.body(), form.titleEn(), form.bodyEn(),
                    form.institution(), form.target(), form.until()));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return Pages.page(HttpStatus.BAD_REQUEST, VIEW, page(actor, StaffLanguage.of(request), form, e.errors()));
        }
        banners.reload();
        return Pages.seeOther("/admin/emergency?notice=emergencyStarted");
    }

    @Post(value = "/{slug}/clear", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> clear(@PathVariable String slug, @Body CsrfForm.TokenOnly form, Authentication authentication) {
        emergencies.clear(requireApprover(authentication), slug);
        banners.reload();
        return Pages.seeOther("/admin/emergency?notice=emergencyCleared");
    }

    private EmergencyPage page(Staff actor, String lang, Form form, List<Problem.FieldError> problems) {
        List<Shown> active = emergencies.all().stream()
                .map(e -> new Shown(e.slug(), e.title(), banners.target(lang, e), dates.dateTime(e.from(), lang), dates.dateTime(e.until(), lang)))
                .toList();
        List<Option> institutionOptions = institutions.list(ALL_INSTITUTIONS).getContent().stream()
                .map(i -> new Option(i.slug(), i.name(), i.slug().equals(form.institution()))).toList();
        List<Option> groupOptions = groups.list(ALL_GROUPS).getContent().stream()
                .map(g -> new Option(g.slug(), g.name(), g.slug().equals(form.target()))).toList();
        Map<String, Message> errors = new java.util.HashMap<>();
        for (String field : List.of("title", "body", "titleEn", "bodyEn", "institution", "target", "until")) {
            Message message = Problem.messageFor(problems, field);
            if (message != null) {
                errors.put(field, message);
            }
        }
        return new EmergencyPage(active, institutionOptions, groupOptions, form, errors);
    }

    private Staff requireApprover(Authentication authentication) {
        Staff actor = staff.require(authentication);
        if (!actor.canApprove()) {
            throw ProblemException.forbidden("emergencyMessage.forbidden");
        }
        return actor;
    }
}
