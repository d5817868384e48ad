package dk.albertslund.signage.readability;

import dk.albertslund.signage.staff.StaffDirectory;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;

/** Readability verdicts for the editor while writing (an approver's, of a stored announcement, is the announcement API's). */
@Controller("/api/v1/announcements")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ReadabilityApiController {

    private final ReadabilityService readability;
    private final StaffDirectory staff;

    ReadabilityApiController(ReadabilityService readability, StaffDirectory staff) {
        this.readability = readability;
        this.staff = staff;
    }

    /** Checks the fields being edited; nothing is stored. */
    @Post("/readability")
    Verdict check(@Body ReadabilityService.Draft draft, Authentication authentication) {
        staff.require(authentication);
        return readability.check(draft);
    }
}
