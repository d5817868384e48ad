package dk.albertslund.signage.golink;

import io.swagger.v3.oas.annotations.Hidden;
import dk.albertslund.signage.core.MessageBundles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.views.ModelAndView;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a screen's QR code leads: {@code /go/{code}}. A passer-by's phone is sent on to the
 * message's link with a 303, and the scan is counted; nothing about the phone is read or
 * kept, and no cookie is set (docs/LINKS.md). A code nobody made gets a page saying so, and
 * the code of a message that is no longer on show a page saying it has ended, rather than
 * a redirect to an address nobody vouches for any more. Both in Danish and English: the
 * phone's language is not the reader's business here.
 */
@Hidden // a passer-by's short address, not API: kept out of the OpenAPI document
@Controller("/go")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class GoLinkController {

    static final String VIEW = "golink/page";
    /** The page has no script, no style from elsewhere and nowhere to send a form: it says one thing. */
    static final String CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final GoLinks links;

    GoLinkController(GoLinks links) {
        this.links = links;
    }

    /** The page's words in both languages, worded here so the template holds no text of its own. */
    public record GoPage(String titleDa, String textDa, String titleEn, String textEn) {
    }

    @Get("/{code}")
    @Produces(MediaType.TEXT_HTML)
    MutableHttpResponse<?> follow(String code) {
        GoLinks.Visit visit = links.follow(code);
        if (visit instanceof GoLinks.Visit.Redirect redirect) {
            // 303: the phone fetches the link with GET; no-store, so the next person's scan is asked here again
            return private_(HttpResponse.seeOther(URI.create(redirect.link())));
        }
        String key = visit instanceof GoLinks.Visit.Ended ? "golink.ended" : "golink.unknown";
        HttpStatus status = visit instanceof GoLinks.Visit.Ended ? HttpStatus.GONE : HttpStatus.NOT_FOUND;
        GoPage page = new GoPage(MessageBundles.text("da", key + ".title"), MessageBundles.text("da", key + ".text"),
                MessageBundles.text("en", key + ".title"), MessageBundles.text("en", key + ".text"));
        // a model the views' processors may add to (LayoutModelProcessor does, for every view)
        Map<String, Object> model = new HashMap<>();
        model.put("page", page);
        return private_(HttpResponse.status(status).body(new ModelAndView<>(VIEW, model)))
                .header("Content-Security-Policy", CSP);
    }

    private static <T> MutableHttpResponse<T> private_(MutableHttpResponse<T> response) {
        return response.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer");
    }
}
