package dk.albertslund.signage.health;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.StoppableDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's probe from docs/OPERATIONS.md as a test: two servers on a PostgreSQL of
 * the test's own, a paired kiosk polling, and the database stopped for a minute. Kiosks
 * must not notice; staff get a quick 503 with Retry-After; readiness says DOWN within
 * 2 s and UP within 10 s of the database coming back; a change after recovery reaches
 * the other server's kiosks within 2 s; the log holds one line per outage, no stack traces.
 */
class DatabaseOutageTest {

    /** As the operator's probe has it; SIGNAGE_TEST_OUTAGE_SECONDS shortens it while working on this test. */
    private static final Duration OUTAGE = Duration.ofSeconds(Long.parseLong(
            System.getenv().getOrDefault("SIGNAGE_TEST_OUTAGE_SECONDS", "60")));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private record Answer(int status, long millis, Map<String, List<String>> headers, String body) {
    }

    private Answer get(String url, String bearer, String etag, String language) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(40)).GET();
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (language != null) {
            request.header("Accept-Language", language).header("Accept", "text/html");
        }
        long start = System.nanoTime();
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), (System.nanoTime() - start) / 1_000_000, response.headers().map(), response.body());
        } catch (Exception e) {
            return new Answer(-1, (System.nanoTime() - start) / 1_000_000, Map.of(), e.toString());
        }
    }

    /** Milliseconds until {@code url} answers {@code status}, polling every 100 ms, or -1 after the limit. */
    private long millisUntil(String url, int status, Duration limit) throws InterruptedException {
        Instant start = Instant.now();
        while (Duration.between(start, Instant.now()).compareTo(limit) < 0) {
            if (get(url, null, null, null).status() == status) {
                return Duration.between(start, Instant.now()).toMillis();
            }
            Thread.sleep(100);
        }
        return -1;
    }

    @Test
    void kiosks_play_on_staff_get_a_quick_503_and_everything_recovers_without_a_restart() throws Exception {
        ListAppender<ILoggingEvent> log = new ListAppender<>();
        log.start();
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        try (StoppableDatabase database = StoppableDatabase.start("outage-postgres")) {
            Map<String, String> datasource = database.datasource();
            try (ApplicationContext a = Servers.start(Servers.properties(datasource, "DatabaseOutageTest-a"));
                 ApplicationContext b = Servers.start(Servers.properties(datasource, "DatabaseOutageTest-b"))) {
                Kiosks onA = a.getBean(Kiosks.class);
                Kiosks onB = b.getBean(Kiosks.class);
                String urlA = a.getBean(Fixtures.class).url().replaceAll("/$", "");
                String urlB = b.getBean(Fixtures.class).url().replaceAll("/$", "");
                Kiosks.Announcement concert = onA.announcement("Koncert i caféen");
                Kiosks.Announcement leaving = onA.announcement("Sidste chance for billetter");
                String screen = onA.screen("Stationshallen");
                // a message whose window ends inside the outage: the manifest must change on time
                Instant windowEnds = Instant.now().plus(OUTAGE.dividedBy(2)).plusSeconds(3);
                a.getBean(Fixtures.class).rows("UPDATE announcement SET publish_until = ? WHERE id = ? RETURNING id",
                        java.sql.Timestamp.from(windowEnds), leaving.id());
                Kiosks.Paired kiosk = onA.pair(screen, concert, leaving);
                // one device per screen: B's kiosk stands in the library
                String library = onA.screen("Biblioteket");
                Kiosks.Paired kioskOnB = onB.pair(library, concert);
                Answer first = get(urlA + "/api/v1/kiosk/manifest", kiosk.token(), null, null);
                assertThat(first.status()).isEqualTo(200);
                assertThat(first.body()).contains("Koncert i caféen", "Sidste chance for billetter");
                Answer firstOnB = get(urlB + "/api/v1/kiosk/manifest", kioskOnB.token(), null, null);
                String staffToken = staffToken(onA);
                assertThat(get(urlA + "/api/v1/announcements", staffToken, null, null).status()).isEqualTo(200);
                assertThat(get(urlA + "/health/readiness", null, null, null).status()).isEqualTo(200);

                // the kiosk polls every 200 ms through the whole outage
                AtomicBoolean polling = new AtomicBoolean(true);
                Map<Integer, Integer> kioskStatuses = new ConcurrentHashMap<>();
                List<String> bodies = java.util.Collections.synchronizedList(new ArrayList<>());
                List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
                Thread poller = new Thread(() -> {
                    String etag = first.headers().get("etag").get(0);
                    while (polling.get()) {
                        Answer answer = get(urlA + "/api/v1/kiosk/manifest", kiosk.token(), etag, null);
                        kioskStatuses.merge(answer.status(), 1, Integer::sum);
                        if (answer.status() != 200 && answer.status() != 304) {
                            failures.add(Instant.now() + " " + answer.status() + " " + answer.body());
                        }
                        if (answer.status() == 200) {
                            etag = answer.headers().get("etag").get(0);
                            bodies.add(answer.body());
                        }
                        try {
                            Thread.sleep(200);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                });
                poller.start();
                root.addAppender(log);

                Instant stopped = Instant.now();
                database.stop();
                long readinessDown = millisUntil(urlA + "/health/readiness", 503, Duration.ofSeconds(5));
                Answer staffApi = get(urlA + "/api/v1/announcements", staffToken, null, null);
                Answer staffPage = get(urlA + "/admin/announcements", null, null, "da");
                Answer unknownKiosk = get(urlA + "/api/v1/kiosk/manifest", "sgd_" + "x".repeat(43), null, null);
                Answer health = get(urlA + "/health", null, null, null);
                Answer liveness = get(urlA + "/health/liveness", null, null, null);
                while (Duration.between(stopped, Instant.now()).compareTo(OUTAGE) < 0) {
                    Thread.sleep(250);
                }
                database.start();
                Instant restarted = Instant.now();
                long readinessUp = millisUntil(urlA + "/health/readiness", 200, Duration.ofSeconds(15));
                long readinessUpOnB = millisUntil(urlB + "/health/readiness", 200, Duration.ofSeconds(15));
                polling.set(false);
                poller.join();
                root.detachAppender(log);

                // the figures bench/outage.sh prints
                System.out.printf("OUTAGE-FIGURES outage_s=%d kiosk_requests=%d kiosk_errors=%d readiness_down_ms=%d"
                                + " staff_api_503_ms=%d staff_page_503_ms=%d unknown_kiosk_503_ms=%d health_ms=%d"
                                + " readiness_up_ms_a=%d readiness_up_ms_b=%d%n",
                        OUTAGE.toSeconds(), kioskStatuses.values().stream().mapToInt(Integer::intValue).sum(), failures.size(),
                        readinessDown, staffApi.millis(), staffPage.millis(), unknownKiosk.millis(), health.millis(),
                        readinessUp, readinessUpOnB);
                assertThat(readinessDown).as("readiness DOWN after the database stopped (ms)").isBetween(0L, 2_000L);
                assertThat(kioskStatuses.keySet()).as("kiosk answers during the outage: " + kioskStatuses + " " + failures).isSubsetOf(200, 304);
                assertThat(bodies).as("the window that ended inside the outage").anySatisfy(body ->
                        assertThat(body).contains("Koncert i caféen").doesNotContain("Sidste chance for billetter"));
                assertThat(staffApi.status()).isEqualTo(503);
                assertThat(staffApi.millis()).isLessThanOrEqualTo(2_000L);
                assertThat(staffApi.headers()).containsKey("retry-after");
                assertThat(staffPage.status()).isEqualTo(503);
                assertThat(staffPage.headers()).containsKey("retry-after");
                assertThat(staffPage.body()).contains("Systemet er midlertidigt utilgængeligt");
                assertThat(unknownKiosk.status()).isEqualTo(503);
                assertThat(unknownKiosk.millis()).isLessThanOrEqualTo(2_000L);
                assertThat(health.status()).isEqualTo(503);
                assertThat(health.millis()).isLessThanOrEqualTo(2_000L);
                assertThat(liveness.status()).as("the process is alive: no restart needed").isEqualTo(200);
                assertThat(readinessUp).as("readiness UP after the database is back (ms)").isBetween(0L, 10_000L);
                assertThat(readinessUpOnB).isBetween(0L, 10_000L);
                assertThat(log.list.stream().filter(e -> e.getThrowableProxy() != null && e.getLevel().isGreaterOrEqual(Level.WARN))
                        .map(ILoggingEvent::getFormattedMessage)).as("no stack traces").isEmpty();
                assertThat(log.list.stream().filter(e -> e.getFormattedMessage().startsWith("The database cannot be reached")))
                        .as("one line per server per outage").hasSizeLessThanOrEqualTo(2);

                // a change through A after recovery reaches B's kiosk within 2 s
                assertThat(get(urlA + "/api/v1/announcements", staffToken, null, null).status()).isEqualTo(200);
                String etagOnB = firstOnB.headers().get("etag").get(0);
                Kiosks.Announcement late = onA.announcement("Ny koncert efter nedbruddet");
                Instant changed = Instant.now();
                onA.play(library, concert, late);
                long reached = -1;
                while (Duration.between(changed, Instant.now()).toMillis() < 5_000) {
                    Answer onBNow = get(urlB + "/api/v1/kiosk/manifest", kioskOnB.token(), etagOnB, null);
                    if (onBNow.status() == 200 && onBNow.body().contains("Ny koncert efter nedbruddet")) {
                        reached = Duration.between(changed, Instant.now()).toMillis();
                        break;
                    }
                    Thread.sleep(100);
                }
                System.out.printf("OUTAGE-FIGURES change_after_recovery_to_other_server_ms=%d%n", reached);
                assertThat(reached).as("ms from the change to B's kiosk; restarted %s", restarted).isBetween(0L, 2_000L);
            }
        }
    }

    private static String staffToken(Kiosks kiosks) {
        return kiosks.admin().bearer();
    }
}
