package dk.albertslund.signage.publicfeed;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.Locale;
import java.util.Optional;

/**
 * {@code /feeds/{institution|group|category}/{slug}.{rss|ics|json}}: public, cached, with a
 * strong ETag, so a website can poll it as often as it likes.
 */
@Controller("/feeds")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class PublicFeedController {

    private final PublicFeeds feeds;

    PublicFeedController(PublicFeeds feeds) {
        this.feeds = feeds;
    }

    @Get("/{scope}/{file}")
    HttpResponse<byte[]> feed(String scope, String file, HttpRequest<?> request) {
        int dot = file.lastIndexOf('.');
        Optional<PublicFeeds.Scope> s = parse(PublicFeeds.Scope.class, scope);
        Optional<PublicFeeds.Format> f = dot < 0 ? Optional.empty() : parse(PublicFeeds.Format.class, file.substring(dot + 1));
        if (s.isEmpty() || f.isEmpty()) {
            return HttpResponse.notFound();
        }
        Optional<PublicFeeds.Rendered> rendered = feeds.get(s.get(), file.substring(0, dot), f.get());
        if (rendered.isEmpty()) {
            return HttpResponse.notFound();
        }
        PublicFeeds.Rendered r = rendered.get();
        MutableHttpResponse<byte[]> response = r.etag().equals(request.getHeaders().get("If-None-Match"))
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(r.body()).contentType(r.contentType());
        return response.header("ETag", r.etag()).header("Cache-Control", "public, max-age=60");
    }

    private static <E extends Enum<E>> Optional<E> parse(Class<E> type, String value) {
        try {
            return Optional.of(Enum.valueOf(type, value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
