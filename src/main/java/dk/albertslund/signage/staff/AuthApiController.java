package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.core.ClientAddress;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * Sign-in for API clients (username and password in, a short-lived JWT bearer token out),
 * the signed-in person's own account, and setup links for automation.
 */
@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthApiController {

    private final LoginService logins;
    private final AccessRefreshTokenGenerator tokens;
    private final StaffDirectory staff;
    private final StaffService service;
    private final AccountSetup setup;
    private final ClientAddress addresses;

    AuthApiController(LoginService logins, AccessRefreshTokenGenerator tokens, StaffDirectory staff,
                      StaffService service, AccountSetup setup, ClientAddress addresses) {
        this.addresses = addresses;
        this.logins = logins;
        this.tokens = tokens;
        this.staff = staff;
        this.service = service;
        this.setup = setup;
    }

    @Post("/login")
    AccessRefreshToken login(@Body @Valid LoginRequest request, HttpRequest<?> http) {
        StaffUser user = logins.authenticate(request.username(), request.password(), address(http));
        Authentication authentication = SignOuts.newSession(user);
        return tokens.generate(authentication)
                .orElseThrow(() -> new ProblemException(500, "Internal Server Error", Message.of("staff.token.notIssued"), List.of()));
    }

    @Get("/me")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    StaffService.Me me(Authentication authentication) {
        return service.me(staff.require(authentication));
    }

    @Put("/password")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    @Status(HttpStatus.NO_CONTENT)
    void changePassword(@Body StaffService.PasswordChange change, Authentication authentication, HttpRequest<?> http) {
        ApiTokens.refuseApiToken(authentication);
        service.changePassword(staff.require(authentication), authentication, change, address(http));
    }

    /**
     * The setup page's work for scripts: with a first-admin link it creates the first
     * administrator (201), with an invitation it sets the invited person's password (200).
     */
    @Post("/setup")
    HttpResponse<StaffService.Me> setup(@Body SetupRequest request) {
        AccountSetup.Completed completed = setup.complete(request.token(), request.username(), request.displayName(),
                request.password(), request.password());
        StaffService.Me me = service.me(completed.user());
        return completed.invitation() ? HttpResponse.ok(me) : HttpResponse.created(me, URI.create("/api/v1/staff/" + me.username()));
    }

    private String address(HttpRequest<?> http) {
        return addresses.of(http);
    }

    @Serdeable
    @Strict
    record LoginRequest(@NotBlank @Size(max = 200) String username, @NotBlank @Size(max = 200) String password) {
    }

    @Serdeable
    @Strict
    record SetupRequest(@Nullable String token, @Nullable String username, @Nullable String displayName,
                        @Nullable String password) {
    }
}
