package dk.albertslund.signage.staff;

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

@Controller("/api/v1/auth/tokens")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class ApiTokenApiController {

    private final ApiTokens tokens;
    private final StaffDirectory staff;

    ApiTokenApiController(ApiTokens tokens, StaffDirectory staff) {
        this.tokens = tokens;
        this.staff = staff;
    }

    @Serdeable
    record Listing(List<ApiTokens.View> items) {
    }

    @Get
    Listing list(Authentication authentication) {
        return new Listing(tokens.list(staff.require(authentication)));
    }

    @Get("/{id}")
    ApiTokens.View get(long id, Authentication authentication) {
        return tokens.get(staff.require(authentication), id);
    }

    /** The secret is in this answer only; it must not be cached anywhere on the way. */
    @Post
    HttpResponse<ApiTokens.Created> create(@Body ApiTokens.Command command, Authentication authentication) {
        ApiTokens.refuseApiToken(authentication);
        ApiTokens.Created created = tokens.create(staff.require(authentication), command);
        return HttpResponse.created(created, URI.create("/api/v1/auth/tokens/" + created.id()))
                .header("Cache-Control", "no-store");
    }

    @Delete("/{id}")
    @Status(HttpStatus.NO_CONTENT)
    void revoke(long id, Authentication authentication) {
        tokens.revoke(staff.require(authentication), id);
    }
}
