package dk.albertslund.signage.submission;

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
import io.micronaut.serde.annotation.Serdeable;

import java.net.URI;
import java.util.List;

/** Submission links for admins and approvers (README "Submission links"): make, list, revoke. */
@Controller("/api/v1/submission-links")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class SubmissionLinkApiController {

    private final SubmissionLinks links;
    private final StaffDirectory staff;

    SubmissionLinkApiController(SubmissionLinks links, StaffDirectory staff) {
        this.links = links;
        this.staff = staff;
    }

    @Serdeable
    record Listing(List<SubmissionLinks.View> items) {
    }

    @Get
    Listing list(Authentication authentication) {
        return new Listing(links.list(staff.require(authentication)));
    }

    @Get("/{id}")
    SubmissionLinks.View get(long id, Authentication authentication) {
        return links.get(staff.require(authentication), id);
    }

    /** The link's address is in this answer only; it must not be cached anywhere on the way. */
    @Post
    HttpResponse<SubmissionLinks.Created> create(@Body SubmissionLinks.Command command, Authentication authentication) {
        SubmissionLinks.Created created = links.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/submission-links/" + created.link().id()))
                .header("Cache-Control", "no-store");
    }

    /** Revoking keeps the link listed as revoked and what came through it in the queue. */
    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void revoke(long id, Authentication authentication) {
        links.revoke(staff.require(authentication), id);
    }
}
