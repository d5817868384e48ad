package dk.albertslund.signage.institution;

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

@Controller("/api/v1/institutions")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class InstitutionApiController {

    private final InstitutionService institutions;
    private final StaffDirectory staff;

    InstitutionApiController(InstitutionService institutions, StaffDirectory staff) {
        this.institutions = institutions;
        this.staff = staff;
    }

    @Get
    PageResponse<InstitutionService.View> list(HttpRequest<?> request) {
        return PageResponse.of(institutions.list(ListQuery.parse(request.getParameters(), InstitutionService.LIST)), v -> v);
    }

    @Get("/{slug}")
    InstitutionService.View get(String slug) {
        return institutions.get(slug);
    }

    @Post
    HttpResponse<InstitutionService.View> create(@Body InstitutionService.Command command, Authentication authentication) {
        InstitutionService.View created = institutions.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/institutions/" + created.slug()));
    }

    @Put("/{slug}")
    InstitutionService.View update(String slug, @Body InstitutionService.Command command, Authentication authentication) {
        return institutions.update(staff.require(authentication), slug, command);
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    void delete(String slug, Authentication authentication) {
        institutions.delete(staff.require(authentication), slug);
    }
}
