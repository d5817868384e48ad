package dk.albertslund.signage.testing;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A test's browser for the staff pages, over a real socket: keeps cookies (the sign-in
 * cookie, the CSRF cookie, the language), sends forms as a browser does, does not
 * follow redirects (tests assert where they lead) and parses each page with jsoup.
 *
 * <p>Unlike a browser it sends Secure cookies over plain http, because the test server
 * has no TLS; the browser tests in Chromium cover the real cookie rules.
 */
public final class WebClient {

    public static final String CSRF_COOKIE = "__Host-csrfToken";

    private final String base;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private final Map<String, String> cookies = new LinkedHashMap<>();
    private String acceptLanguage = "da";

    public WebClient(String base) {
        this.base = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** What came back: status, headers, the HTML and its parsed document. */
    public record Page(int status, HttpHeaders headers, String html, Document document) {

        public Optional<String> location() {
            return headers.firstValue("Location");
        }

        /** The visible text of the first element matching the CSS selector, or "" if none. */
        public String text(String selector) {
            var element = document.selectFirst(selector);
            return element == null ? "" : element.text();
        }

        public String title() {
            return document.title();
        }
    }

    public WebClient language(String acceptLanguage) {
        this.acceptLanguage = acceptLanguage;
        return this;
    }

    public Optional<String> cookie(String name) {
        return Optional.ofNullable(cookies.get(name));
    }

    public void dropCookie(String name) {
        cookies.remove(name);
    }

    /** Sets a cookie as a browser would keep it (a test replaying what another browser had). */
    public void cookie(String name, String value) {
        cookies.put(name, value);
    }

    /** Every cookie this browser holds now, by name. */
    public Map<String, String> cookies() {
        return Map.copyOf(cookies);
    }

    public Page get(String path) {
        return send(request(path).GET());
    }

    /** Posts the form with the CSRF token from this browser's cookie, as the page's hidden field would. */
    public Page submit(String path, Map<String, ?> fields) {
        Map<String, Object> withToken = new LinkedHashMap<>(fields);
        cookie(CSRF_COOKIE).ifPresent(token -> withToken.putIfAbsent("csrfToken", token));
        return post(path, withToken);
    }

    /** Posts exactly these fields: no CSRF token unless the test puts one in. Lists become repeated fields. */
    public Page post(String path, Map<String, ?> fields) {
        String body = fields.entrySet().stream()
                .flatMap(e -> (e.getValue() instanceof List<?> values ? values.stream() : java.util.stream.Stream.of(e.getValue()))
                        .map(v -> encode(e.getKey()) + "=" + encode(String.valueOf(v))))
                .collect(Collectors.joining("&"));
        return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /** A file chosen in a form's file input. */
    public record FilePart(String fileName, String contentType, byte[] bytes) {
    }

    /**
     * Posts a multipart form, as a form with a file input does, with the CSRF token from this
     * browser's cookie as one more part. A file input left empty is sent as a browser sends it:
     * a part with an empty file name and no bytes.
     */
    public Page submitMultipart(String path, Map<String, ?> fields, Map<String, FilePart> files) {
        String boundary = "----WebClientBoundary" + Long.toHexString(System.nanoTime());
        Map<String, Object> withToken = new LinkedHashMap<>(fields);
        cookie(CSRF_COOKIE).ifPresent(token -> withToken.putIfAbsent("csrfToken", token));
        var body = new java.io.ByteArrayOutputStream();
        for (Map.Entry<String, Object> field : withToken.entrySet()) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + field.getKey() + "\"\r\n\r\n"
                    + field.getValue() + "\r\n");
        }
        for (Map.Entry<String, FilePart> file : files.entrySet()) {
            write(body, "--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + file.getKey() + "\"; filename=\""
                    + file.getValue().fileName() + "\"\r\nContent-Type: " + file.getValue().contentType() + "\r\n\r\n");
            body.writeBytes(file.getValue().bytes());
            write(body, "\r\n");
        }
        write(body, "--" + boundary + "--\r\n");
        return send(request(path).header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    }

    private static void write(java.io.ByteArrayOutputStream out, String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Signs in through the sign-in page, first opening it as a person would (which sets the CSRF cookie). */
    public WebClient signIn(String username, String password) {
        get("/admin/login");
        Page page = submit("/admin/login", Map.of("username", username, "password", password));
        if (page.status() != 303) {
            throw new IllegalStateException("sign-in failed with " + page.status() + ": " + page.text("#login-error"));
        }
        return this;
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path))
                .header("Accept", "text/html,application/xhtml+xml")
                .header("Accept-Language", acceptLanguage);
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining("; ")));
        }
        return builder;
    }

    private Page send(HttpRequest.Builder builder) {
        try {
            HttpResponse<String> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
            for (String header : response.headers().allValues("Set-Cookie")) {
                String pair = header.split(";", 2)[0];
                int eq = pair.indexOf('=');
                String name = pair.substring(0, eq).trim();
                String value = pair.substring(eq + 1).trim();
                boolean expired = value.isEmpty() || header.toLowerCase().contains("max-age=0");
                if (expired) {
                    cookies.remove(name);
                } else {
                    cookies.put(name, value);
                }
            }
            return new Page(response.statusCode(), response.headers(), response.body(), Jsoup.parse(response.body(), base));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
