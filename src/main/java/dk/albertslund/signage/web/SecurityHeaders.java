package dk.albertslund.signage.web;

import dk.albertslund.signage.core.Sha256;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Headers every response carries: no content sniffing (an upload or feed must never be
 * read as script), no full addresses leaked to other sites, and a Content-Security-Policy
 * that forbids framing everywhere: for data answers (API, feeds, operations) one that allows
 * nothing; for the kiosk player what it uses from its own server (scripts, styles, the
 * event stream, pictures and videos it shows as blob: URLs, the data: icon) and nothing
 * else, not even eval; for swagger-ui its own files and its one inline script by hash.
 * Staff pages keep their nonce CSP from micronaut-views (application.yml, filter-path
 * /admin/**).
 */
@ServerFilter("/**")
final class SecurityHeaders {

    static final String DATA_CSP = "default-src 'none'; frame-ancestors 'none'";

    static final String KIOSK_CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
            + "media-src 'self' blob:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; "
            + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    /** Where micronaut-openapi copies swagger-ui's page (openapi.properties). */
    private static final String SWAGGER_PAGE = "META-INF/swagger/views/swagger-ui/index.html";
    private static final Pattern INLINE_SCRIPT = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL);

    private final String swaggerCsp = swaggerCsp();

    @ResponseFilter
    void add(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var headers = response.getHeaders();
        if (!headers.contains("X-Content-Type-Options")) {
            response.header("X-Content-Type-Options", "nosniff");
        }
        if (!headers.contains("Referrer-Policy")) {
            response.header("Referrer-Policy", "same-origin");
        }
        if (headers.contains("Content-Security-Policy")) {
            return;
        }
        String path = request.getPath();
        String policy = null;
        if (path.startsWith("/api/") || path.startsWith("/feeds/") || path.startsWith("/health")
                || path.equals("/prometheus") || path.startsWith("/swagger/")) {
            policy = DATA_CSP;
        } else if (path.equals("/kiosk") || path.startsWith("/kiosk/")) {
            policy = KIOSK_CSP;
        } else if (path.equals("/swagger-ui") || path.startsWith("/swagger-ui/")) {
            policy = swaggerCsp;
        }
        if (policy != null) {
            headers.add("Content-Security-Policy", policy);
        }
    }

    /**
     * swagger-ui's page starts itself with an inline script; it is allowed by its hash, read
     * from the page as built, so an upgrade of micronaut-openapi cannot leave it blocked.
     * Its styles are set inline by the UI (React), hence 'unsafe-inline' for styles only.
     */
    private static String swaggerCsp() {
        List<String> hashes = new ArrayList<>();
        try (InputStream in = SecurityHeaders.class.getClassLoader().getResourceAsStream(SWAGGER_PAGE)) {
            if (in != null) {
                Matcher m = INLINE_SCRIPT.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    MessageDigest digest = Sha256.digest();
                    digest.update(m.group(1).getBytes(StandardCharsets.UTF_8));
                    hashes.add("'sha256-" + Base64.getEncoder().encodeToString(digest.digest()) + "'");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return "default-src 'none'; script-src 'self'" + hashes.stream().map(h -> " " + h).reduce("", String::concat)
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
                + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
    }
}
