package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A known kiosk's manifest answered before Micronaut's routing (ManifestFastPath) is the
 * same answer the controller gives, and keeps HTTP/1.1's rules: responses in request
 * order, Connection: close honoured. Spoken over a plain socket, as a kiosk's browser does.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManifestFastPathTest implements PostgresTest {

    @Inject
    Kiosks kiosks;
    @Inject
    ContentFixtures content;
    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;

    private Kiosks.Paired kiosk;

    @BeforeAll
    void aKioskWithSomethingToShow() {
        Api admin = content.admin();
        String announcement = fixtures.approvedMessage(admin, Map.of("slug", fixtures.unique("opslag"),
                "institution", content.institution("Musikteatret").slug(), "title", "Koncert i Musikteatret", "body", "Kom og hør.",
                "language", "da", "category", "culture"));
        String playlist = fixtures.unique("playlist");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Standard", "items", List.of(announcement)))
                .status()).isEqualTo(201);
        String screen = fixtures.unique("screen");
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Stationshallen", "defaultPlaylist", playlist))
                .status()).isEqualTo(201);
        kiosk = kiosks.pair(screen);
    }

    private record Answer(int status, Map<String, String> headers, String body) {
    }

    private String manifestRequest(String... extraHeaders) {
        StringBuilder request = new StringBuilder("GET /api/v1/kiosk/manifest HTTP/1.1\r\nHost: localhost\r\n")
                .append("Authorization: Bearer ").append(kiosk.token()).append("\r\n");
        for (String header : extraHeaders) {
            request.append(header).append("\r\n");
        }
        return request.append("\r\n").toString();
    }

    /** Sends the bytes at once (pipelined) and reads {@code count} responses in order. */
    private List<Answer> exchange(String requests, int count) throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(requests.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            InputStream in = socket.getInputStream();
            List<Answer> answers = new java.util.ArrayList<>();
            for (int i = 0; i < count; i++) {
                answers.add(read(in));
            }
            return answers;
        }
    }

    private static Answer read(InputStream in) throws IOException {
        String head = readHead(in);
        String[] lines = head.split("\r\n");
        Map<String, String> headers = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).strip(), lines[i].substring(colon + 1).strip());
        }
        int length = Integer.parseInt(headers.getOrDefault("Content-Length", "0"));
        byte[] body = in.readNBytes(length);
        return new Answer(Integer.parseInt(lines[0].split(" ")[1]), headers, new String(body, StandardCharsets.UTF_8));
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed after " + head);
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII).strip();
    }

    @Test
    void the_manifest_answered_from_memory_is_the_one_micronaut_answers_and_its_etag_gives_a_304() throws IOException {
        // Accept-Encoding sends the first through Micronaut (which may compress); identity keeps it uncompressed.
        Answer throughMicronaut = exchange(manifestRequest("Accept-Encoding: identity"), 1).get(0);
        Answer fromMemory = exchange(manifestRequest(), 1).get(0);
        Answer unchanged = exchange(manifestRequest("If-None-Match: " + fromMemory.headers().get("ETag")), 1).get(0);

        assertThat(throughMicronaut.status()).isEqualTo(200);
        assertThat(fromMemory.status()).isEqualTo(200);
        assertThat(fromMemory.body()).isEqualTo(throughMicronaut.body()).contains("Koncert i Musikteatret");
        assertThat(fromMemory.headers().get("ETag")).isEqualTo(throughMicronaut.headers().get("ETag")).matches("\"[0-9a-f]{32}\"");
        assertThat(fromMemory.headers().get("Content-Type")).isEqualTo("application/json");
        assertThat(fromMemory.headers().get("Cache-Control")).isEqualTo("no-cache");
        assertThat(Instant.parse(fromMemory.headers().get("X-Server-Time"))).isBetween(Instant.now().minusSeconds(60), Instant.now());
        assertThat(unchanged.status()).isEqualTo(304);
        assertThat(unchanged.body()).isEmpty();
        assertThat(unchanged.headers().get("ETag")).isEqualTo(fromMemory.headers().get("ETag"));
        assertThat(unchanged.headers().get("Cache-Control")).isEqualTo("no-cache");
        assertThat(unchanged.headers()).containsKey("X-Server-Time");
    }

    @Test
    void pipelined_requests_are_answered_in_the_order_they_came() throws IOException {
        String etag = exchange(manifestRequest(), 1).get(0).headers().get("ETag");

        // The first goes through Micronaut; the manifest behind it must not overtake it.
        List<Answer> answers = exchange("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n"
                + manifestRequest("If-None-Match: " + etag)
                + "GET /api/v1/kiosk/manifest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer sgd_" + "0".repeat(43) + "\r\n\r\n"
                + manifestRequest(), 4);

        assertThat(answers).extracting(Answer::status).containsExactly(200, 304, 401, 200);
        assertThat(answers.get(0).body()).contains("\"status\":\"UP\"");
        assertThat(answers.get(3).body()).contains("Koncert i Musikteatret");
    }

    @Test
    void once_micronaut_has_answered_on_a_connection_the_next_manifest_on_it_is_answered_from_memory() throws IOException {
        exchange(manifestRequest(), 1);
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            socket.getOutputStream().write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            Answer health = read(in);
            socket.getOutputStream().write(manifestRequest().getBytes(StandardCharsets.US_ASCII));
            Answer manifest = read(in);

            // Micronaut dates every answer it gives; the answer from memory carries no Date.
            assertThat(health.headers()).containsKey("Date");
            assertThat(manifest.status()).isEqualTo(200);
            assertThat(manifest.headers()).doesNotContainKey("Date");
            assertThat(manifest.body()).contains("Koncert i Musikteatret");
        }
    }

    @Test
    void a_kiosk_that_asks_to_close_the_connection_gets_its_answer_and_then_the_end_of_it() throws IOException {
        try (Socket socket = new Socket(server.getHost(), server.getPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(manifestRequest("Connection: close").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            Answer answer = read(in);

            assertThat(answer.status()).isEqualTo(200);
            assertThat(answer.headers().get("Connection")).isEqualTo("close");
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void a_revoked_kiosk_is_refused_even_while_its_manifest_is_in_memory() throws IOException {
        Kiosks.Paired other = kiosks.pair(kiosks.screen("Biblioteket"));
        String request = "GET /api/v1/kiosk/manifest HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + other.token() + "\r\n\r\n";
        assertThat(exchange(request, 1).get(0).status()).isEqualTo(200);

        assertThat(content.admin().delete("/api/v1/kiosk/devices/" + other.deviceId()).status()).isIn(200, 204);

        Answer revoked = exchange(request, 1).get(0);
        assertThat(revoked.status()).isEqualTo(401);
        assertThat(revoked.body()).contains("This device is not paired, or its pairing has been revoked. Pair it again.");
    }
}
