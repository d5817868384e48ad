package dk.albertslund.signage.schedule;

import dk.albertslund.signage.staff.StaffDirectory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** What a screen plays, when and why; any signed-in staff member may ask. */
@Controller("/api/v1/screens/{slug}")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ScreenScheduleApiController {

    private final ScreenScheduleService schedule;
    private final StaffDirectory staff;

    ScreenScheduleApiController(ScreenScheduleService schedule, StaffDirectory staff) {
        this.schedule = schedule;
        this.staff = staff;
    }

    @Get("/now")
    ScreenScheduleService.Now now(String slug, @Nullable @QueryValue String at, Authentication authentication) {
        staff.require(authentication);
        return schedule.now(slug, at);
    }

    @Get("/timeline")
    ScreenScheduleService.Timeline timeline(String slug, @Nullable @QueryValue String from, @Nullable @QueryValue String to,
                                            Authentication authentication) {
        staff.require(authentication);
        return schedule.timeline(slug, from, to);
    }
}
