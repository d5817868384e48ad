package dk.albertslund.signage.emergency;

import dk.albertslund.signage.staff.StaffDirectory;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.Operation;

import java.net.URI;
import java.util.List;

/**
 * Emergencies for scripts and other systems (a fire alarm panel, the municipality's
 * crisis tool): the same rules, content and audit as the emergency page, with a start
 * time and named screens besides (docs/OPERATIONS.md).
 */
@Controller("/api/v1/emergencies")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class EmergencyApiController {

    private final EmergencyService emergencies;
    private final EmergencyBannerCache banners;
    private final StaffDirectory staff;

    EmergencyApiController(EmergencyService emergencies, EmergencyBannerCache banners, StaffDirectory staff) {
        this.emergencies = emergencies;
        this.banners = banners;
        this.staff = staff;
    }

    @Get
    @Operation(summary = "Emergencies on the screens now or still to start, newest first")
    List<EmergencyService.Active> list() {
        return emergencies.all();
    }

    @Get("/{slug}")
    @Operation(summary = "One emergency; 404 once it has ended")
    EmergencyService.Active get(String slug) {
        return emergencies.get(slug);
    }

    @Post
    @Operation(summary = "Start an emergency (approvers and administrators)",
            description = "On all screens (target \"all\", the default), a screen group (target: its slug) or named screens "
                    + "(screens: their slugs). From now or `from`, until `until` or until ended; times as campus wall-clock "
                    + "\"2026-11-28T16:00\" or ISO-8601 with an offset. It plays before everything else and is approved at once.")
    HttpResponse<EmergencyService.Active> start(@Body EmergencyService.Command command, Authentication authentication) {
        EmergencyService.Active started = emergencies.start(staff.require(authentication), command);
        banners.reload();
        return HttpResponse.created(started, URI.create("/api/v1/emergencies/" + started.slug()));
    }

    @Delete("/{slug}")
    @Status(HttpStatus.NO_CONTENT)
    @Operation(summary = "End an emergency now (approvers and administrators)")
    void end(String slug, Authentication authentication) {
        emergencies.clear(staff.require(authentication), slug);
        banners.reload();
    }
}
