package dk.albertslund.signage.staff;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.core.ClientAddress;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.web.CsrfForm;
import dk.albertslund.signage.web.CsrfProtected;
import dk.albertslund.signage.web.Pages;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.web.StaffLanguage;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.cookie.Cookie;
import io.micronaut.http.cookie.SameSite;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.token.generator.AccessRefreshTokenGenerator;
import io.micronaut.security.token.render.AccessRefreshToken;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.ModelAndView;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Signing in and out of the staff UI, the language switch and the person's own account
 * page. Sign-in sets the JWT as an HttpOnly cookie; every form here carries the CSRF
 * token (the filter of micronaut-security-csrf refuses a post without it).
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/admin")
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
@CsrfProtected
class StaffPagesController {

    static final String LOGIN_VIEW = "staff/login";
    static final String ACCOUNT_VIEW = "staff/account";
    private static final Duration LANGUAGE_COOKIE_AGE = Duration.ofDays(365);

    private final LoginService logins;
    private final AccessRefreshTokenGenerator tokens;
    private final SignOuts sessions;
    private final StaffDirectory staff;
    private final StaffService service;
    private final boolean httpsPublicUrl;
    private final Clock clock;
    private final ClientAddress addresses;
    private final SignInProviders providers;
    private final boolean localForAdminsOnly;

    StaffPagesController(LoginService logins, AccessRefreshTokenGenerator tokens, SignOuts sessions,
                         StaffDirectory staff, StaffService service, SignageConfiguration configuration, Clock clock,
                         ClientAddress addresses, SignInProviders providers) {
        this.addresses = addresses;
        this.providers = providers;
        this.localForAdminsOnly = configuration.getSecurity().localSignInForAdminsOnly();
        this.logins = logins;
        this.tokens = tokens;
        this.sessions = sessions;
        this.staff = staff;
        this.service = service;
        this.httpsPublicUrl = configuration.getPublicUrl().startsWith("https:");
        this.clock = clock;
    }

    /**
     * The model of the sign-in page; {@code error} is a message key. {@code providers} are
     * the buttons for signing in with the municipality's account (OpenID Connect).
     */
    public record LoginPage(@Nullable String username, String next, @Nullable String error, List<ProviderButton> providers,
                            boolean localForAdminsOnly) {
    }

    /** A provider's button: its address under /oauth/login and its label in the page's language. */
    public record ProviderButton(String name, String label) {
    }

    /**
     * The model of the account page; errors are beside their fields. {@code providerLabel}:
     * the provider an account signs in through, as its button says, or null for a local account.
     */
    public record AccountPage(StaffService.Me me, @Nullable Message currentPasswordError,
                              @Nullable Message newPasswordError, @Nullable String providerLabel) {
    }

    @Serdeable
    record LoginForm(@Nullable String username, @Nullable String password, @Nullable String next,
                     @Nullable String csrfToken) implements CsrfForm {
    }

    @Serdeable
    record PasswordForm(@Nullable String currentPassword, @Nullable String newPassword,
                        @Nullable String csrfToken) implements CsrfForm {
    }

    @Get
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> home() {
        return Pages.seeOther("/admin/dashboard");
    }

    @Get("/login")
    @Secured(SecurityRule.IS_ANONYMOUS)
    ModelAndView<Map<String, Object>> login(@Nullable @QueryValue String next, @Nullable @QueryValue String error,
                                            HttpRequest<?> request) {
        // only the reasons a provider's sign-in is refused for come by address; anything else is dropped
        String reason = error != null && ProviderSignInFailures.known(error) ? error : null;
        return Pages.page(LOGIN_VIEW, loginPage(null, safeNext(next), reason, request));
    }

    private LoginPage loginPage(@Nullable String username, String next, @Nullable String error, HttpRequest<?> request) {
        String language = StaffLanguage.of(request);
        List<ProviderButton> buttons = providers.all().stream()
                .map(provider -> new ProviderButton(provider.getName(), provider.label(language))).toList();
        return new LoginPage(username, next, error, buttons, localForAdminsOnly);
    }

    @Post(value = "/login", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    MutableHttpResponse<?> signIn(@Body LoginForm form, HttpRequest<?> request) {
        String username = form.username() == null ? "" : form.username().strip();
        String next = safeNext(form.next());
        if (username.isEmpty() || form.password() == null || form.password().isEmpty()) {
            return Pages.page(HttpStatus.BAD_REQUEST, LOGIN_VIEW, loginPage(username, next, "login.missing", request));
        }
        StaffUser user;
        try {
            user = logins.authenticate(username, form.password(), addresses.of(request));
        } catch (ProblemException e) {
            String error = e.status() == 429 ? "login.throttled" : e.status() == 403 ? "login.localForAdminsOnly" : "login.refused";
            return Pages.page(HttpStatus.valueOf(e.status()), LOGIN_VIEW, loginPage(username, next, error, request));
        }
        AccessRefreshToken token = tokens.generate(SignOuts.newSession(user))
                .orElseThrow(() -> new ProblemException(500, "Internal Server Error", Message.of("staff.token.notIssued"), List.of()));
        long seconds = token.getExpiresIn() == null ? 3600 : token.getExpiresIn();
        return Pages.seeOther(next).cookie(StaffCookies.signIn(token.getAccessToken(), seconds, request, httpsPublicUrl));
    }

    @Post(value = "/logout", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    MutableHttpResponse<?> signOut(@Body CsrfForm.TokenOnly form, Authentication authentication) {
        sessions.signOut(authentication, expiry(authentication));
        return Pages.seeOther("/admin/login?notice=signedOut").cookie(StaffCookies.expiredSignIn());
    }

    /** A plain link, so it works without scripts; the choice is a preference, not a change of data. */
    @Get("/language/{lang}")
    @Secured(SecurityRule.IS_ANONYMOUS)
    MutableHttpResponse<?> language(@PathVariable String lang, @Nullable @QueryValue String back) {
        MutableHttpResponse<?> response = Pages.seeOther(back != null && back.startsWith("/admin/login") ? "/admin/login" : safeNext(back));
        if (StaffLanguage.SUPPORTED.contains(lang)) {
            response.cookie(Cookie.of(StaffLanguage.COOKIE, lang).path("/").sameSite(SameSite.Lax).maxAge(LANGUAGE_COOKIE_AGE));
        }
        return response;
    }

    @Get("/account")
    @Secured(SecurityRule.IS_AUTHENTICATED)
    ModelAndView<Map<String, Object>> account(Authentication authentication, HttpRequest<?> request) {
        return Pages.page(ACCOUNT_VIEW, accountPage(service.me(staff.require(authentication)), null, null, request));
    }

    private AccountPage accountPage(StaffService.Me me, @Nullable Message currentPasswordError, @Nullable Message newPasswordError,
                                    HttpRequest<?> request) {
        String provider = me.signInProvider();
        String label = provider == null ? null
                : providers.find(provider).map(p -> p.label(StaffLanguage.of(request))).orElse(provider);
        return new AccountPage(me, currentPasswordError, newPasswordError, label);
    }

    @Post(value = "/account/password", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(SecurityRule.IS_AUTHENTICATED)
    MutableHttpResponse<?> changePassword(@Body PasswordForm form, Authentication authentication, HttpRequest<?> request) {
        Staff actor = staff.require(authentication);
        try {
            service.changePassword(actor, authentication, new StaffService.PasswordChange(form.currentPassword(), form.newPassword()),
                    addresses.of(request));
        } catch (ProblemException e) {
            if (e.status() != 400 && e.status() != 401 && e.status() != 429) {
                throw e;
            }
            Message current = e.status() == 400 ? Problem.messageFor(e.errors(), "currentPassword") : e.detail();
            Message next = Problem.messageFor(e.errors(), "newPassword");
            return Pages.page(HttpStatus.valueOf(e.status()), ACCOUNT_VIEW, accountPage(service.me(actor), current, next, request));
        }
        return Pages.seeOther("/admin/account?notice=passwordChanged");
    }

    /** Only a path inside the staff UI, so the sign-in page cannot send anyone elsewhere. */
    static String safeNext(@Nullable String next) {
        if (next == null || !next.startsWith("/admin") || next.startsWith("/admin/login") || next.contains("//") || next.contains("\\")) {
            return "/admin/dashboard";
        }
        return next;
    }

    private Instant expiry(Authentication authentication) {
        Object exp = authentication.getAttributes().get("exp");
        if (exp instanceof Date date) {
            return date.toInstant();
        }
        if (exp instanceof Number seconds) {
            return Instant.ofEpochSecond(seconds.longValue());
        }
        // unknown form: keep the sign-out listed for the longest a token can live
        return clock.instant().plus(Duration.ofDays(1));
    }
}
