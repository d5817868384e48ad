package dk.albertslund.signage.health;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.ArrivedRequests;
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
 * and then ended cleanly; reconnecting to another server with its Last-Event-ID, the kiosk
 * hears of what changed meanwhile and gets the current manifest (docs/OPERATIONS.md).
 */
class GracefulShutdownTest {

    @Test
    void requests_under_way_are_answered_and_event_streams_are_sent_elsewhere() throws Exception {
        var datasource = TestDatabase.get().freshDatasource();
        var properties = Servers.properties(datasource, "GracefulShutdownTest-a");
        // what is tested is that nothing under way is lost, not how fast a loaded machine
        // hashes 50 passwords: the grace period is made long enough for that
        properties.put("micronaut.lifecycle.graceful-shutdown.grace-period", "60s");
        ApplicationContext server = Servers.start(properties);
        try (ApplicationContext other = Servers.start(Servers.properties(datasource, "GracefulShutdownTest-b"))) {
            stopWhileWorking(server, other);
        }
    }

    private void stopWhileWorking(ApplicationContext server, ApplicationContext other) throws Exception {
        Fixtures fixtures = server.getBean(Fixtures.class);
        Kiosks kiosks = server.getBean(Kiosks.class);
        String url = fixtures.url().replaceAll("/$", "");
        String otherUrl = other.getBean(Fixtures.class).url().replaceAll("/$", "");
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Kiosks.Announcement before = kiosks.announcement("Koncert i aften");
        String screen = kiosks.screen("Stationshallen");
        Kiosks.Paired kiosk = kiosks.pair(screen, before);
        HttpClient http = HttpClient.newHttpClient();
        String etag = http.send(HttpRequest.newBuilder(URI.create(url + "/api/v1/kiosk/manifest"))
                .header("Authorization", "Bearer " + kiosk.token()).build(), HttpResponse.BodyHandlers.ofString())
                .headers().firstValue("ETag").orElseThrow();

        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        CompletableFuture<Void> streamEnded = http.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/kiosk/events"))
                        .header("Authorization", "Bearer " + kiosk.token()).build(), HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(lines::add));
        assertThat(lines.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");

        // 50 sign-ins: each costs an Argon2 hash, so on two cores they queue for seconds. A
        // client of their own: a request sent on a kept-alive connection just as the server
        // closes it (idle) is lost in any HTTP/1.1 server, which is not what is tested here.
        HttpClient signInClient = HttpClient.newHttpClient();
        ArrivedRequests arrived = server.getBean(ArrivedRequests.class);
        int earlier = arrived.count("/api/v1/auth/login"); // the fixtures' own sign-ins
        List<CompletableFuture<HttpResponse<String>>> signIns = new ArrayList<>();
        String body = "{\"username\":\"" + username + "\",\"password\":\"" + Fixtures.PASSWORD + "\"}";
        for (int i = 0; i < 50; i++) {
            signIns.add(signInClient.sendAsync(HttpRequest.newBuilder(URI.create(url + "/api/v1/auth/login"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        // all 50 received and under way (a loaded client can take a while to send them)
        long arrivalDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (arrived.count("/api/v1/auth/login") - earlier < 50 && System.nanoTime() < arrivalDeadline) {
            Thread.sleep(20);
        }
        assertThat(arrived.count("/api/v1/auth/login") - earlier).isEqualTo(50);
        long underWay = signIns.stream().filter(signIn -> !signIn.isDone()).count();
        Thread stopping = new Thread(server::close, "sigterm");
        stopping.start();

        List<Integer> statuses = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> signIn : signIns) {
            statuses.add(signIn.handle((response, failure) -> failure == null ? response.statusCode() : -1)
                    .get(30, TimeUnit.SECONDS));
        }
        streamEnded.get(15, TimeUnit.SECONDS);
        stopping.join(30_000);

        assertThat(underWay).as("sign-ins still under way when the server was told to stop").isPositive();
        assertThat(statuses).as("every sign-in the server had received when it was told to stop").containsOnly(200);
        assertThat(lines).contains("event: reconnect");
        assertThat(lines.stream().filter(line -> line.startsWith("retry:")).findFirst().orElseThrow())
                .satisfies(retry -> assertThat(Long.parseLong(retry.substring(6).strip())).isBetween(1_000L, 5_000L));
        assertThat(stopping.isAlive()).isFalse();

        // the kiosk comes back through the load balancer to the other server, which knows of
        // a change made while it was moving, and gets the current manifest there
        Kiosks onOther = other.getBean(Kiosks.class);
        Kiosks.Announcement after = onOther.announcement("Ny koncert i morgen");
        onOther.play(screen, before, after);
        BlockingQueue<String> again = new LinkedBlockingQueue<>();
        CompletableFuture<Void> resumed = http.sendAsync(HttpRequest.newBuilder(URI.create(otherUrl + "/api/v1/kiosk/events"))
                        .header("Authorization", "Bearer " + kiosk.token()).header("Last-Event-ID", etag).build(),
                        HttpResponse.BodyHandlers.ofLines())
                .thenAccept(response -> response.body().forEach(again::add));
        assertThat(again.poll(10, TimeUnit.SECONDS)).isEqualTo(": connected");
        List<String> heard = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!heard.contains("event: manifest") && System.nanoTime() < deadline) {
            String line = again.poll(100, TimeUnit.MILLISECONDS);
            if (line != null) {
                heard.add(line);
            }
        }
        assertThat(heard).as("what the other server said first").contains("event: manifest");
        HttpResponse<String> manifest = http.send(HttpRequest.newBuilder(URI.create(otherUrl + "/api/v1/kiosk/manifest"))
                .header("Authorization", "Bearer " + kiosk.token()).header("If-None-Match", etag).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(manifest.statusCode()).isEqualTo(200);
        assertThat(manifest.body()).contains("Koncert i aften", "Ny koncert i morgen");
        resumed.cancel(true);
    }
}
