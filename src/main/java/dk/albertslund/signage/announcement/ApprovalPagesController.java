package dk.albertslund.signage.announcement;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.announcement.AnnouncementPageParts.Facts;
import dk.albertslund.signage.announcement.AnnouncementPageParts.Version;
import dk.albertslund.signage.announcement.AnnouncementPageParts.VerdictView;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.web.Pages;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The approvers' queue: every submitted message, oldest first, each language of it with what the screen
 * would show, its readability verdict and its details; approve it, or send it back with
 * a reason the editor then sees.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin/approvals")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@Secured(SecurityRule.IS_AUTHENTICATED)
@CsrfProtected
class ApprovalPagesController {

    static final String VIEW = "approvals/queue";
    private static final ListQuery SUBMITTED = new ListQuery(0, ListQuery.MAX_SIZE, Sort.of(Sort.Order.asc("updatedAt")),
            Map.of("status", AnnouncementStatus.SUBMITTED.value()));

    private final AnnouncementService announcements;
    private final AnnouncementPageParts parts;
    private final StaffDirectory staff;
    @Nullable
    private final Senders senders;

    ApprovalPagesController(AnnouncementService announcements, AnnouncementPageParts parts, StaffDirectory staff,
                            @Nullable Senders senders) {
        this.senders = senders;
        this.announcements = announcements;
        this.parts = parts;
        this.staff = staff;
    }

    /**
     * One submitted message with each of its languages; {@code reason} and {@code reasonError}
     * come back when a rejection lacked a reason. {@code mayApprove} is false for the
     * approver's own message (four eyes): the card then says why instead of offering a
     * button that would be refused. {@code sentBy} names the group when the message came
     * through a submission link.
     */
    public record Item(String slug, String title, String language, List<Version> versions, Facts facts,
                       @Nullable VerdictView verdict, boolean mayApprove, @Nullable String reason,
                       @Nullable String reasonError, @Nullable String sentBy) {
    }

    public record QueuePage(List<Item> items) {
    }

    @Serdeable
    record RejectForm(@Nullable String reason, @Nullable String csrfToken) implements CsrfForm {
    }

    @Get
    ModelAndView<Map<String, Object>> queue(Authentication authentication, HttpRequest<?> request) {
        Staff approver = requireApprover(authentication);
        return Pages.page(VIEW, queuePage(approver, StaffLanguage.of(request), null, null, null));
    }

    @Post(value = "/{slug}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> approve(@PathVariable String slug, @Body CsrfForm.TokenOnly form, Authentication authentication) {
        announcements.approve(requireApprover(authentication), slug);
        return Pages.seeOther("/admin/approvals?notice=announcementApproved");
    }

    @Post(value = "/{slug}/reject", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    MutableHttpResponse<?> reject(@PathVariable String slug, @Body RejectForm form, Authentication authentication,
                                  HttpRequest<?> request) {
        Staff approver = requireApprover(authentication);
        try {
            announcements.reject(approver, slug, new AnnouncementService.Rejection(form.reason()));
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            String lang = StaffLanguage.of(request);
            return Pages.page(HttpStatus.BAD_REQUEST, VIEW, queuePage(approver, lang, slug, form.reason(),
                    parts.error(e.errors(), "reason", lang)));
        }
        return Pages.seeOther("/admin/approvals?notice=announcementRejected");
    }

    private QueuePage queuePage(Staff approver, String lang, @Nullable String rejecting, @Nullable String reason,
                                @Nullable String reasonError) {
        List<AnnouncementService.View> waiting = announcements.list(approver, SUBMITTED).getContent();
        List<Facts> facts = parts.facts(waiting, lang);
        Map<Long, String> groups = senders == null ? Map.of() : senders.groups(waiting.stream().map(AnnouncementService.View::id).toList());
        List<Item> items = new ArrayList<>();
        for (int i = 0; i < waiting.size(); i++) {
            AnnouncementService.View v = waiting.get(i);
            List<Version> versions = parts.versions(v, lang);
            // the message's verdict is the worst of its languages', already checked for the slides
            items.add(new Item(v.slug(), v.title(), v.language(), versions, facts.get(i), parts.verdict(versions, lang),
                    announcements.mayApprove(approver, v), v.slug().equals(rejecting) ? reason : null, v.slug().equals(rejecting) ? reasonError : null,
                    groups.get(v.id())));
        }
        return new QueuePage(items);
    }

    private Staff requireApprover(Authentication authentication) {
        Staff viewer = staff.require(authentication);
        if (!viewer.canApprove()) {
            throw ProblemException.forbidden("approvals.forbidden");
        }
        return viewer;
    }
}
