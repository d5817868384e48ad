package dk.albertslund.signage.screen;

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

@Controller("/api/v1/screen-groups")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ScreenGroupApiController {

    private final ScreenGroupService groups;
    private final StaffDirectory staff;

    ScreenGroupApiController(ScreenGroupService groups, StaffDirectory staff) {
        this.groups = groups;
        this.staff = staff;
    }

    @Get
    PageResponse<ScreenGroupService.View> list(HttpRequest<?> request) {
        return PageResponse.of(groups.list(ListQuery.parse(request.getParameters(), ScreenGroupService.LIST)), v -> v);
    }

    @Get("/{slug}")
    ScreenGroupService.View get(String slug) {
        return groups.get(slug);
    }

    @Post
    HttpResponse<ScreenGroupService.View> create(@Body ScreenGroupService.Command command, Authentication authentication) {
        ScreenGroupService.View created = groups.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/screen-groups/" + created.slug()));
    }

    @Put("/{slug}")
    ScreenGroupService.View update(String slug, @Body ScreenGroupService.Command command, Authentication authentication) {
        return groups.update(staff.require(authentication), slug, command);
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        groups.delete(staff.require(authentication), slug);
    }
}
