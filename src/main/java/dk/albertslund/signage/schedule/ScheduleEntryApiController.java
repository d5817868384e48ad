package dk.albertslund.signage.schedule;

import dk.albertslund.signage.staff.StaffDirectory;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.PageResponse;
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

import java.net.URI;

@Controller("/api/v1/schedule-entries")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ScheduleEntryApiController {

    private final ScheduleEntryService entries;
    private final StaffDirectory staff;

    ScheduleEntryApiController(ScheduleEntryService entries, StaffDirectory staff) {
        this.entries = entries;
        this.staff = staff;
    }

    @Get
    PageResponse<ScheduleEntryService.View> list(HttpRequest<?> request) {
        return PageResponse.of(entries.list(ListQuery.parse(request.getParameters(), ScheduleEntryService.LIST)), v -> v);
    }

    @Get("/{slug}")
    ScheduleEntryService.View get(String slug) {
        return entries.get(slug);
    }

    @Post
    HttpResponse<ScheduleEntryService.View> create(@Body ScheduleEntryService.Command command, Authentication authentication) {
        ScheduleEntryService.View created = entries.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/schedule-entries/" + created.slug()));
    }

    @Put("/{slug}")
    ScheduleEntryService.View update(String slug, @Body ScheduleEntryService.Command command, Authentication authentication) {
        return entries.update(staff.require(authentication), slug, command);
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        entries.delete(staff.require(authentication), slug);
    }
}
