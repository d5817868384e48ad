package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.PageResponse;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;

/** Staff accounts, managed by admins. Accounts are deactivated, never deleted, so the audit log keeps its names. */
@Controller("/api/v1/staff")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class StaffApiController {

    private final StaffService service;
    private final StaffDirectory staff;

    StaffApiController(StaffService service, StaffDirectory staff) {
        this.service = service;
        this.staff = staff;
    }

    @Get
    PageResponse<StaffService.View> list(HttpRequest<?> request, Authentication authentication) {
        return PageResponse.of(service.list(staff.require(authentication), ListQuery.parse(request.getParameters(), StaffService.LIST)), v -> v);
    }

    @Get("/{username}")
    StaffService.View get(String username, Authentication authentication) {
        return service.get(staff.require(authentication), username);
    }

    @Post
    HttpResponse<StaffService.Created> create(@Body StaffService.Command command, Authentication authentication) {
        StaffService.Created created = service.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/staff/" + created.staff().username()))
                .header("Cache-Control", "no-store");
    }

    @Put("/{username}")
    StaffService.View update(String username, @Body StaffService.Command command, Authentication authentication) {
        return service.update(staff.require(authentication), username, command);
    }
}
