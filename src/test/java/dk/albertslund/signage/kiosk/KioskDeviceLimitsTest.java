package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** One device token can no longer flood the server with heartbeats, play batches or event streams. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskDeviceLimitsTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    KioskEvents events;

    @Test
    void heartbeats_beyond_a_small_burst_get_429_with_retry_after_and_are_not_stored() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Rådhuset, forhallen"));
        Kiosks.Paired other = kiosks.pair(kiosks.screen("Rådhuset, kantinen"));
        List<Integer> statuses = new ArrayList<>();
        Api.Response last = null;
        for (int i = 0; i < 20; i++) {
            last = kiosks.as(kiosk.token()).post("/api/v1/kiosk/heartbeat", Map.of("clientVersion", "1.4.2"));
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 3)).containsOnly(204);
        assertThat(statuses.subList(3, 20)).containsOnly(429);
        assertThat(Long.parseLong(last.headers().get("Retry-After"))).isBetween(1L, 20L);
        assertThat((String) last.body().get("detail")).startsWith("This device is sending more often than a kiosk does; wait ");
        assertThat(fixtures.rows("SELECT id FROM heartbeat WHERE device_id = ?", kiosk.deviceId())).hasSize(3);
        // Another device has its own allowance.
        assertThat(kiosks.as(other.token()).post("/api/v1/kiosk/heartbeat", Map.of("clientVersion", "1.4.2")).status()).isEqualTo(204);
    }

    @Test
    void play_batches_beyond_a_burst_get_429_with_retry_after() {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Rådhuset, borgerservice"));
        Kiosks.Announcement jazz = kiosks.announcement("Jazz i foyeren");
        List<Integer> statuses = new ArrayList<>();
        Api.Response last = null;
        for (int seq = 1; seq <= 25; seq++) {
            Map<String, Object> play = new HashMap<>();
            play.put("announcementId", jazz.id());
            play.put("language", "da");
            play.put("startedAt", Instant.now().minusSeconds(30).toString());
            play.put("durationMs", 10_000);
            last = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", Map.of("seq", seq, "plays", List.of(play)));
            statuses.add(last.status());
        }

        assertThat(statuses.subList(0, 10)).doesNotContain(429);
        assertThat(statuses.subList(10, 25)).containsOnly(429);
        assertThat(last.headers().get("Retry-After")).isNotNull();
        assertThat(fixtures.rows("SELECT seq FROM play_batch WHERE device_id = ?", kiosk.deviceId()).size()).isLessThanOrEqualTo(10);
    }

    @Test
    void one_device_holds_at_most_three_event_streams_and_a_new_one_ends_the_oldest() throws Exception {
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Rådhuset, trappen"));
        HttpClient client = HttpClient.newHttpClient();
        List<CompletableFuture<HttpResponse<Stream<String>>>> opened = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            CompletableFuture<HttpResponse<Stream<String>>> stream = client.sendAsync(HttpRequest.newBuilder(
                            URI.create(fixtures.url() + "/api/v1/kiosk/events"))
                    .header("Authorization", "Bearer " + kiosk.token()).build(), HttpResponse.BodyHandlers.ofLines());
            // Wait for the stream to be open on the server, so the order of opening is known.
            assertThat(stream.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
            opened.add(stream);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (events.openStreams(kiosk.deviceId()) > 3 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }

        assertThat(events.openStreams(kiosk.deviceId())).isEqualTo(3);
        // The oldest was ended by the server: its body runs to the end.
        List<String> first = CompletableFuture.supplyAsync(() -> {
            try {
                return opened.get(0).get().body().toList();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).get(10, TimeUnit.SECONDS);
        assertThat(first).contains(": connected");
        opened.forEach(f -> f.cancel(true));
    }
}
