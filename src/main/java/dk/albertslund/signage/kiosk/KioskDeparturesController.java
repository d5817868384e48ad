package dk.albertslund.signage.kiosk;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.core.Sha256;
import dk.albertslund.signage.departures.DepartureBoard;
import dk.albertslund.signage.departures.Departures;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.json.JsonMapper;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Named;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The station's next trains for a paired kiosk (README "Departures at the station"). Asked
 * every {@code pollSeconds} with If-None-Match; the body holds no per-request value, so an
 * unchanged board is a 304. The kiosk keeps the last board for offline use and judges
 * staleness by its own clock too, from {@code realtimeAt} and {@code staleAfterSeconds}.
 */
@Controller("/api/v1/kiosk")
@Secured(SecurityRule.IS_ANONYMOUS)
class KioskDeparturesController {

    /** The board as kiosks get it; {@code realtimeAt} null means every departure is planned. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Board(boolean available, String stopName, @Nullable Instant realtimeAt, long staleAfterSeconds,
                 long pollSeconds, List<Departure> departures) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Departure(String line, String destination, String platform, Instant planned, Instant expected,
                     @Nullable Integer delayMinutes, boolean cancelled, boolean live, String colour) {
    }

    private final DeviceAuthenticator devices;
    private final Departures departures;
    private final JsonMapper json;
    private final ExecutorService blocking;
    private final Clock clock;
    /**
     * The last answer, for the second it was made and the departures it was made from: every
     * kiosk asks every {@code pollSeconds}, and within one second they all get the same board,
     * so it is built, written and hashed once a second rather than once a request.
     */
    private final java.util.concurrent.atomic.AtomicReference<Answer> last = new java.util.concurrent.atomic.AtomicReference<>();

    private record Answer(long second, long version, byte[] bytes, String etag) {
    }

    KioskDeparturesController(DeviceAuthenticator devices, Departures departures, JsonMapper json,
                              @Named(TaskExecutors.BLOCKING) ExecutorService blocking, Clock clock) {
        this.devices = devices;
        this.departures = departures;
        this.json = json;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Get("/departures")
    CompletableFuture<MutableHttpResponse<?>> departures(HttpRequest<?> request) {
        return devices.authenticate(request).thenComposeAsync(device -> {
            if (device.isEmpty()) {
                return CompletableFuture.completedFuture(KioskManifestController.unauthorized());
            }
            return CompletableFuture.completedFuture(answer(request));
        }, blocking);
    }

    private MutableHttpResponse<?> answer(HttpRequest<?> request) {
        Instant now = clock.instant();
        Answer answer = answerAt(now);
        byte[] bytes = answer.bytes();
        String etag = answer.etag();
        MutableHttpResponse<?> response = KioskManifestController.matches(request.getHeaders().get(HttpHeaders.IF_NONE_MATCH), etag)
                ? HttpResponse.notModified()
                : HttpResponse.ok(bytes).contentType(MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, etag)
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(KioskManifestController.SERVER_TIME, now.toString());
    }

    private Answer answerAt(Instant now) {
        long version = departures.version();
        Answer known = last.get();
        if (known != null && known.second() == now.getEpochSecond() && known.version() == version) {
            return known;
        }
        DepartureBoard.Board board = departures.board(now);
        Board body = new Board(board.available(), board.stopName(), board.realtimeAt(),
                departures.settings().getStaleAfter().toSeconds(), departures.kioskPoll().toSeconds(),
                board.departures().stream().map(d -> new Departure(d.line(), d.destination(), d.platform(), d.planned(),
                        d.expected(), d.delayMinutes(), d.cancelled(), d.live(), d.colour())).toList());
        byte[] bytes;
        try {
            bytes = json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Answer made = new Answer(now.getEpochSecond(), version, bytes, "\"" + Sha256.hex(bytes).substring(0, 32) + "\"");
        last.set(made);
        return made;
    }
}
