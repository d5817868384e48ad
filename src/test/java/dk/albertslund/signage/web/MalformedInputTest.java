package dk.albertslund.signage.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.WebClient;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Input a client should never send, sent over a real socket: bodies that do not bind, NUL
 * bytes, CR/LF in redirect targets, absurd page numbers, a kiosk without a token. Each is
 * the caller's mistake, so each is a 4xx problem and never a 500 or a logged stack trace.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MalformedInputTest implements PostgresTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    JsonMapper json;
    @Inject
    io.micronaut.web.router.Router router;

    private ListAppender<ILoggingEvent> log;

    @BeforeEach
    void captureLog() {
        log = new ListAppender<>();
        log.start();
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).addAppender(log);
    }

    @AfterEach
    void releaseLog() {
        ((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME)).detachAppender(log);
    }

    private List<String> stackTracesLogged() {
        // ERROR lines only; WARNs of a refused body are a test of their own
        return log.list.stream()
                .filter(e -> e.getLevel().isGreaterOrEqual(Level.ERROR))
                .map(e -> e.getLevel() + " " + e.getLoggerName() + ": " + e.getFormattedMessage()
                        + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()))
                .toList();
    }

    private static final String DEEP_10000 = "[".repeat(10_000) + "]".repeat(10_000);
    private static final String DEEP_5000 = "[".repeat(5_000) + "]".repeat(5_000);
    private static final byte[] INVALID_UTF8 = {'{', '"', 'u', 's', 'e', 'r', 'n', 'a', 'm', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, (byte) 0xFF, '"', '}'};

    private static Map<String, byte[]> corpus(String deep) {
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        bodies.put("[1]", "[1]".getBytes(StandardCharsets.UTF_8));
        bodies.put("{\"x\":[1]}", "{\"x\":[1]}".getBytes(StandardCharsets.UTF_8));
        bodies.put("{\"username\":[1]}", "{\"username\":[1]}".getBytes(StandardCharsets.UTF_8));
        bodies.put("\"text\"", "\"text\"".getBytes(StandardCharsets.UTF_8));
        bodies.put("{", "{".getBytes(StandardCharsets.UTF_8));
        bodies.put("invalid UTF-8", INVALID_UTF8);
        bodies.put("deep nesting", deep.getBytes(StandardCharsets.UTF_8));
        return bodies;
    }

    private String bearer() throws Exception {
        String username = fixtures.staffMember(java.util.EnumSet.of(dk.albertslund.signage.staff.Role.ADMIN));
        HttpResponse<String> login = send("POST", "/api/v1/auth/login", null,
                json.writeValueAsBytes(Map.of("username", username, "password", Fixtures.PASSWORD)));
        assertThat(login.statusCode()).isEqualTo(200);
        return (String) json.readValue(login.body(), Map.class).get("access_token");
    }

    private HttpResponse<String> send(String method, String path, String bearer, byte[] body) throws Exception {
        return send(method, path, bearer, body, "application/json");
    }

    private HttpResponse<String> send(String method, String path, String bearer, byte[] body, String accept) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixtures.url().replaceAll("/$", "") + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                .header("Accept", accept);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void json_that_does_not_bind_on_sign_in_is_a_400_problem_without_a_stack_trace() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, byte[]> body : corpus(DEEP_10000).entrySet()) {
            HttpResponse<String> response = send("POST", "/api/v1/auth/login", null, body.getValue());
            if (response.statusCode() != 400 || !response.headers().firstValue("Content-Type").orElse("").contains("problem+json")) {
                wrong.add(body.getKey() + " -> " + response.statusCode() + " " + response.body());
            }
        }

        assertThat(wrong).isEmpty();
        assertThat(stackTracesLogged()).isEmpty();
    }

    @Test
    void a_5000_deep_or_cut_off_body_is_a_400_without_a_warning_or_stack_trace_in_the_log() throws Exception {
        // the release of such a body re-entered Micronaut's body buffer and, with -ea, logged a
        // WARN AssertionError "Failed to build error response" (see ReentrantBodyRelease)
        String bearer = bearer();
        List<String> warned = new ArrayList<>();
        for (String path : List.of("/api/v1/auth/login", "/api/v1/playlists", "/api/v1/announcements")) {
            for (Map.Entry<String, byte[]> body : corpus(DEEP_5000).entrySet()) {
                log.list.clear();
                HttpResponse<String> response = send("POST", path, bearer, body.getValue());
                if (body.getKey().equals("deep nesting") || body.getKey().equals("{")) {
                    assertThat(response.statusCode()).as(path + " " + body.getKey()).isEqualTo(400);
                }
                // Micronaut cleans up after the answer is on its way: give it the moment it takes
                Thread.sleep(300);
                log.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN))
                        .map(e -> path + " " + body.getKey() + " " + response.statusCode() + ": " + e.getLoggerName() + " " + e.getFormattedMessage()
                                + (e.getThrowableProxy() == null ? "" : " / " + e.getThrowableProxy().getClassName()))
                        .forEach(warned::add);
            }
        }
        assertThat(warned).isEmpty();
    }

    @Test
    void a_body_of_the_wrong_shape_names_the_body() throws Exception {
        HttpResponse<String> response = send("POST", "/api/v1/auth/login", null, "[1]".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"body\"");
    }

    @Test
    void a_nul_in_the_query_or_path_is_refused_before_the_database() throws Exception {
        String bearer = bearer();

        HttpResponse<String> inQuery = send("GET", "/api/v1/playlists?institution=a%00b", bearer, null);
        HttpResponse<String> inPath = send("GET", "/api/v1/playlists/a%00b", bearer, null);
        HttpResponse<String> inScreen = send("GET", "/api/v1/screens/x%00", bearer, null);
        HttpResponse<String> anonymous = send("GET", "/api/v1/institutions/x%00", null, null);

        for (HttpResponse<String> response : List.of(inQuery, inPath, inScreen)) {
            assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(400);
            assertThat(response.body()).contains("contains a character that is not allowed");
        }
        assertThat(inQuery.body()).contains("\"field\":\"institution\"");
        assertThat(anonymous.statusCode()).isEqualTo(400);
        assertThat(stackTracesLogged()).isEmpty();
    }

    @Test
    void the_kiosk_event_stream_refuses_a_missing_or_revoked_token_with_401() throws Exception {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen(fixtures.unique("Events 401")));
        fixtures.rows("UPDATE device SET revoked_at = now(), revoked_by = 'test' WHERE id = ? RETURNING id", kiosk.deviceId());

        HttpResponse<String> none = send("GET", "/api/v1/kiosk/events", null, null, "text/event-stream");
        HttpResponse<String> revoked = send("GET", "/api/v1/kiosk/events", kiosk.token(), null, "text/event-stream");
        HttpResponse<String> garbage = send("GET", "/api/v1/kiosk/events", "not-a-device-token", null, "text/event-stream");

        assertThat(none.statusCode()).isEqualTo(401);
        assertThat(revoked.statusCode()).isEqualTo(401);
        assertThat(garbage.statusCode()).isEqualTo(401);
        assertThat(stackTracesLogged()).isEmpty();
    }

    @Test
    void a_cr_lf_in_a_redirect_target_goes_to_the_dashboard_instead() throws Exception {
        // the language switch redirects back to a target taken from input
        HttpResponse<String> back = send("GET", "/admin/language/en?back=/admin/x%0D%0ASet-Cookie:%20evil=1", null, null, "text/html");

        assertThat(back.statusCode()).as(back.statusCode() + " " + back.headers().map()).isBetween(300, 399);
        assertThat(back.headers().firstValue("Location").orElse("")).isEqualTo("/admin/dashboard");
        assertThat(back.headers().allValues("Set-Cookie")).noneMatch(c -> c.contains("evil"));
        assertThat(stackTracesLogged()).isEmpty();
    }

    @Test
    void a_redirect_target_with_a_control_character_or_another_site_is_not_used() {
        assertThat(Pages.safeTarget("/admin/x\r\nSet-Cookie: a=b")).isEqualTo("/admin/dashboard");
        assertThat(Pages.safeTarget("/admin/x y")).isEqualTo("/admin/dashboard");
        assertThat(Pages.safeTarget("//evil.example/")).isEqualTo("/admin/dashboard");
        assertThat(Pages.safeTarget("https://evil.example/")).isEqualTo("/admin/dashboard");
        assertThat(Pages.safeTarget("/admin/screens/a?notice=saved#items")).isEqualTo("/admin/screens/a?notice=saved#items");
    }

    @Test
    void a_page_number_out_of_range_or_not_a_number_is_a_400_naming_page() throws Exception {
        String bearer = bearer();
        // the announcement and staff lists too, which once paged on their own
        for (String list : List.of("/api/v1/playlists", "/api/v1/announcements", "/api/v1/staff")) {
            for (String page : List.of("2147483647", "-1", "abc", "99999999999")) {
                HttpResponse<String> response = send("GET", list + "?page=" + page, bearer, null);

                assertThat(response.statusCode()).as(list + " " + page).isEqualTo(400);
                assertThat(response.body()).as(list + " " + page).contains("\"field\":\"page\"");
            }
            assertThat(send("GET", list + "?page=3", bearer, null).statusCode()).as(list).isEqualTo(200);
        }
    }

    @Test
    void a_staff_page_asked_for_a_page_number_out_of_range_shows_a_400_page_naming_page() {
        WebClient browser = fixtures.browserAs(dk.albertslund.signage.staff.Role.ADMIN).language("en");
        for (String list : List.of("/admin/announcements", "/admin/users")) {
            for (String page : List.of("2147483647", "-1", "abc")) {
                WebClient.Page answer = browser.get(list + "?page=" + page);

                assertThat(answer.status()).as(list + " " + page).isEqualTo(400);
                assertThat(answer.text("#error-fields")).as(list + " " + page).startsWith("page: must be");
            }
            assertThat(browser.get(list + "?page=0").status()).as(list).isEqualTo(200);
            assertThat(browser.get(list + "?page=5").status()).as(list).isEqualTo(200);
        }
        assertThat(stackTracesLogged()).isEmpty();
    }

    /**
     * The done-when check: every write route the server has (the API's, which the OpenAPI
     * document lists, and the staff pages', which it leaves out), every malformed body.
     */
    @Test
    void every_write_route_answers_malformed_bodies_with_a_4xx() throws Exception {
        String bearer = bearer();
        List<String> wrong = new ArrayList<>();
        int sent = 0;
        List<io.micronaut.web.router.UriRouteInfo<?, ?>> routes = router.uriRoutes()
                .filter(route -> List.of("POST", "PUT", "PATCH").contains(route.getHttpMethodName()))
                .toList();
        for (io.micronaut.web.router.UriRouteInfo<?, ?> route : routes) {
            String method = route.getHttpMethodName();
            // An operation without a request body ignores one (content-pack import, a
            // kiosk asking for a pairing), and a well-formed object with properties an
            // operation does not know is refused or bound; both must still never be a 5xx.
            boolean takesBody = route.getBodyArgument().isPresent();
            String url = route.getUriMatchTemplate().toString().replaceAll("\\{[^}]+}", "dummy-slug");
            for (Map.Entry<String, byte[]> body : corpus(DEEP_5000).entrySet()) {
                HttpResponse<String> response = send(method, url, bearer, body.getValue());
                sent++;
                boolean mustRefuse = takesBody && !body.getKey().startsWith("{\"");
                if (response.statusCode() >= 500 || mustRefuse && response.statusCode() < 400) {
                    wrong.add(method + " " + url + " " + body.getKey() + " -> " + response.statusCode()
                            + " " + response.body().substring(0, Math.min(200, response.body().length())));
                }
            }
        }

        assertThat(sent).isGreaterThan(50);
        assertThat(wrong).isEmpty();
        assertThat(stackTracesLogged()).isEmpty();
    }
}
