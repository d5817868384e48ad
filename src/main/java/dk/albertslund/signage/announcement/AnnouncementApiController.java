package dk.albertslund.signage.announcement;

import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.readability.Verdict;
import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.PageResponse;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.List;

@Controller("/api/v1/announcements")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class AnnouncementApiController {

    private final AnnouncementService announcements;
    private final StaffDirectory staff;

    AnnouncementApiController(AnnouncementService announcements, StaffDirectory staff) {
        this.announcements = announcements;
        this.staff = staff;
    }

    /** The audit trail of one announcement, oldest first. */
    @Serdeable
    record History(List<AuditLog.Entry> items) {
    }

    @Get
    PageResponse<AnnouncementService.View> list(HttpRequest<?> request, Authentication authentication) {
        return PageResponse.of(announcements.list(staff.require(authentication),
                ListQuery.parse(request.getParameters(), AnnouncementService.LIST)), v -> v);
    }

    @Get("/{slug}")
    AnnouncementService.View get(String slug, Authentication authentication) {
        return announcements.get(staff.require(authentication), slug);
    }

    /** The readability verdict the approver sees before approving. */
    @Get("/{slug}/readability")
    Verdict readability(String slug, Authentication authentication) {
        return announcements.readability(staff.require(authentication), slug);
    }

    @Get("/{slug}/history")
    History history(String slug, Authentication authentication) {
        return new History(announcements.history(staff.require(authentication), slug));
    }

    @Post
    HttpResponse<AnnouncementService.View> create(@Body AnnouncementService.Command command, Authentication authentication) {
        AnnouncementService.View created = announcements.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/announcements/" + created.slug()));
    }

    @Put("/{slug}")
    AnnouncementService.View update(String slug, @Body AnnouncementService.Command command, Authentication authentication) {
        return announcements.update(staff.require(authentication), slug, command);
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        announcements.delete(staff.require(authentication), slug);
    }

    @Post("/{slug}/submit")
    AnnouncementService.View submit(String slug, Authentication authentication) {
        return announcements.submit(staff.require(authentication), slug);
    }

    @Post("/{slug}/approve")
    AnnouncementService.View approve(String slug, Authentication authentication) {
        return announcements.approve(staff.require(authentication), slug);
    }

    @Post("/{slug}/reject")
    AnnouncementService.View reject(String slug, @Nullable @Body AnnouncementService.Rejection rejection,
                                    Authentication authentication) {
        return announcements.reject(staff.require(authentication), slug, rejection);
    }

    @Post("/{slug}/archive")
    AnnouncementService.View archive(String slug, Authentication authentication) {
        return announcements.archive(staff.require(authentication), slug);
    }
}
