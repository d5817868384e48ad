package dk.albertslund.signage.departures;

import dk.albertslund.signage.feed.FeedServer;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Rejseplanen's part in the departures tests that run on the real clock: a server on
 * 127.0.0.1 with a timetable whose trains leave a few minutes from now
 * ({@link GtfsSamples#live}) and realtime news the test changes as it goes, and the
 * settings that point the server at it (fetched every second, asked by kiosks every two).
 */
final class StationSources implements AutoCloseable {

    static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");

    final FeedServer server;
    final Instant started = Instant.now();
    private final AtomicReference<byte[]> realtime = new AtomicReference<>();

    StationSources() throws IOException {
        server = new FeedServer();
        server.serve("/gtfs.zip", "application/zip", GtfsSamples.live(started, CPH));
        news(240, Instant.now());
        server.handle("/rt.pb", exchange -> {
            byte[] body = realtime.get();
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** From now on the news, as of {@code at}: the Bx towards Farum {@code delaySeconds} late, the 15-minute train to Høje Taastrup cancelled. */
    void news(int delaySeconds, Instant at) {
        String day = GtfsSamples.liveDay(started, CPH);
        realtime.set(GtfsSamples.feed(at)
                .addEntity(GtfsSamples.delayed("L-BX-11", day, 1, delaySeconds))
                .addEntity(GtfsSamples.cancelled("L-HTA-15", day))
                .build().toByteArray());
    }

    /** From now on a timetable whose trains leave a few minutes after {@code from}. */
    void timetable(Instant from) {
        server.serve("/gtfs.zip", "application/zip", GtfsSamples.live(from, CPH));
    }

    Map<String, String> properties() {
        return Map.of(
                "signage.feeds.allowed-addresses", "127.0.0.1",
                "signage.departures.enabled", "true",
                "signage.departures.stop-id", GtfsSamples.STOP,
                "signage.departures.timetable-url", server.url("/gtfs.zip"),
                "signage.departures.realtime-url", server.url("/rt.pb"),
                "signage.departures.kiosk-poll", "PT2S",
                "signage.jobs.departures-timetable.schedule", "PT1H",
                "signage.jobs.departures-realtime.schedule", "PT1S");
    }

    @Override
    public void close() {
        server.close();
    }
}
