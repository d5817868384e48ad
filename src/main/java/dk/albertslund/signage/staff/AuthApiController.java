package dk.albertslund.signage.staff;

import dk.albertslund.signage.web.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
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

import java.util.List;
import java.util.Map;

/** Sign-in for API clients: username and password in, a short-lived JWT bearer token out. */
@Controller("/api/v1/auth")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class AuthApiController {

    private final LoginService logins;
    private final AccessRefreshTokenGenerator tokens;

    AuthApiController(LoginService logins, AccessRefreshTokenGenerator tokens) {
        this.logins = logins;
        this.tokens = tokens;
    }

    @Post("/login")
    AccessRefreshToken login(@Body @Valid LoginRequest request, HttpRequest<?> http) {
        StaffUser user = logins.authenticate(request.username(), request.password(), http.getRemoteAddress().getAddress().getHostAddress());
        Authentication authentication = Authentication.build(user.username(), user.roles(), Map.of("staffId", user.id()));
        return tokens.generate(authentication)
                .orElseThrow(() -> new ProblemException(500, "Internal Server Error", "No token could be issued.", List.of()));
    }

    @Serdeable
    record LoginRequest(@NotBlank @Size(max = 200) String username, @NotBlank @Size(max = 200) String password) {
    }
}
