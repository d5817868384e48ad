package dk.albertslund.signage.web;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * Headers every response carries: no content sniffing (an upload or feed must never be
 * read as script), no full addresses leaked to other sites, and for data answers (API,
 * feeds, operations) a CSP that allows nothing and forbids framing. Staff pages keep their
 * nonce CSP from micronaut-views (application.yml); the kiosk and swagger-ui get none yet
 * (README "Security").
 */
@ServerFilter("/**")
final class SecurityHeaders {

    static final String DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

    @ResponseFilter
    void add(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        if (!headers.contains("X-Content-Type-Options")) {
            response.header("X-Content-Type-Options", "nosniff");
        }
        if (!headers.contains("Referrer-Policy")) {
            response.header("Referrer-Policy", "same-origin");
        }
        String path = request.getPath();
        boolean data = path.startsWith("/api/") || path.startsWith("/feeds/") || path.startsWith("/health")
                || path.equals("/prometheus") || path.startsWith("/swagger/");
        if (data && !headers.contains("Content-Security-Policy")) {
            headers.add("Content-Security-Policy", DATA_CSP);
        }
    }
}
