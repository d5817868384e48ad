package dk.albertslund.signage.health;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping a server (what SIGTERM does: the context is stopped) while it works: every
 * request already accepted is answered, and a kiosk's event stream is told to reconnect
 * and then ended cleanly, so the kiosk moves to another server (docs/OPERATIONS.md).
 */
class GracefulShutdownTest {

    @Test
    void requests_under_way_are_answered_and_event_streams_are_sent_elsewhere() throws Exception {
        ApplicationContext server = Servers.start(Servers.properties(TestDatabase.get().freshDatasource(), "GracefulShutdownTest"));
        Fixtures fixtures = server.getBean(Fixtures.class);
        Kiosks kiosks = server.getBean(Kiosks.class);
        String url = fixtures.url().replaceAll("/$", "");
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Stationshallen"));
        HttpClient http = HttpClient.newHttpClient();

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<Void> streamEnded = http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/kiosk/events"))
                        .header("Authorization", "Bearer " + kiosk.token()).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");

        // 50 sign-ins: each costs an Argon2 hash, so on two cores they queue for seconds
        List<CompletableFuture<HttpResponse<String>>> signIns = new ArrayList<>();
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}";
        for (int i = 0; i < 50; i++) {
            signIns.add(http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Thread.sleep(300);
        Thread stopping = new Thread(server::close, "sigterm");
        stopping.start();

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> signIn : signIns) {
            statuses.add(signIn.handle((response, failure) -> failure == null ? response.statusCode() : -1)
                    .get(30, TimeUnit.SECONDS));
        }
        streamEnded.get(15, TimeUnit.SECONDS);
        stopping.join(30_000);

        assertThat(statuses).as("every sign-in under way when the server was told to stop").containsOnly(200);
        assertThat(lines).contains("event: reconnect");
        assertThat(lines.stream().filter(line -> line.startsWith("retry:")).findFirst().orElseThrow())
                .satisfies(retry -> assertThat(Long.parseLong(retry.substring(6).strip())).isBetween(1_000L, 5_000L));
        assertThat(stopping.isAlive()).isFalse();
    }
}
