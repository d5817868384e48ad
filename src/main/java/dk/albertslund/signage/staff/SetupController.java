package dk.albertslund.signage.staff;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.views.View;

/**
 * The page behind a one-time setup link, for the first administrator and for invited
 * staff. Whoever holds the link has not signed in yet, so the page is anonymous and the
 * link's token is the only authority.
 */
@Hidden // a staff page or file, not API: kept out of the OpenAPI document
@Controller("/setup")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
@Produces(MediaType.TEXT_HTML)
class SetupController {

    static final String VIEW = "setup";

    private final AccountSetup setup;
    private final String signInUrl;

    SetupController(AccountSetup setup, SignageConfiguration configuration) {
        this.setup = setup;
        // straight to the sign-in page, not through the dashboard's redirect to it
        this.signInUrl = configuration.getPublicUrl() + "/admin/login";
    }

    @Get
    @View(VIEW)
    HttpResponse<SetupPage> show(@Nullable @QueryValue String token) {
        try {
            return page(HttpStatus.OK, SetupPage.form(token, setup.open(token), signInUrl));
        } catch (SetupRefused e) {
            return refused(e);
        }
    }

    /**
     * The form's hidden token is also what protects it against cross-site request forgery:
     * it is a single-use secret that another site cannot know, so no separate CSRF token
     * is needed here.
     */
    @Post(consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @View(VIEW)
    HttpResponse<SetupPage> submit(@Body SetupForm form) {
        try {
            AccountSetup.Completed completed = setup.complete(form.token(), form.username(), form.displayName(), form.password(), form.repeat());
            return page(HttpStatus.OK, SetupPage.done(completed.user(), signInUrl));
        } catch (SetupRefused e) {
            return refused(e);
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            return invalid(form, e);
        }
    }

    private HttpResponse<SetupPage> invalid(SetupForm form, ProblemException e) {
        try {
            AccountSetup.Purpose purpose = setup.open(form.token());
            return page(HttpStatus.BAD_REQUEST, SetupPage.invalid(form.token(), purpose, form.username(), form.displayName(), e.errors(), signInUrl));
        } catch (SetupRefused refusal) {
            // the link expired between the attempt and now
            return refused(refusal);
        }
    }

    private HttpResponse<SetupPage> refused(SetupRefused e) {
        return page(HttpStatus.valueOf(e.status()), SetupPage.refused(e.reason(), signInUrl));
    }

    /** The URL holds a secret: keep it out of caches and out of the Referer of links on the page. */
    private static MutableHttpResponse<SetupPage> page(HttpStatus status, SetupPage page) {
        return HttpResponse.<SetupPage>status(status).body(page)
                .header("Cache-Control", "no-store")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY")
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
    }

    @Serdeable
    record SetupForm(@Nullable String token, @Nullable String username, @Nullable String displayName,
                     @Nullable String password, @Nullable String repeat) {
    }
}
