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

@Controller("/api/v1/screens")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ScreenApiController {

    private final ScreenService screens;
    private final StaffDirectory staff;

    ScreenApiController(ScreenService screens, StaffDirectory staff) {
        this.screens = screens;
        this.staff = staff;
    }

    @Get
    PageResponse<ScreenService.View> list(HttpRequest<?> request) {
        return PageResponse.of(screens.list(ListQuery.parse(request.getParameters(), ScreenService.LIST)), v -> v);
    }

    @Get("/{slug}")
    ScreenService.View get(String slug) {
        return screens.get(slug);
    }

    @Post
    HttpResponse<ScreenService.View> create(@Body ScreenService.Command command, Authentication authentication) {
        ScreenService.View created = screens.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/screens/" + created.slug()));
    }

    @Put("/{slug}")
    ScreenService.View update(String slug, @Body ScreenService.Command command, Authentication authentication) {
        return screens.update(staff.require(authentication), slug, command);
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        screens.delete(staff.require(authentication), slug);
    }
}
