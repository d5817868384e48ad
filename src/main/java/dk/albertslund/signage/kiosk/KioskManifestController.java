package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.sse.Event;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import jakarta.inject.Named;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

/**
 * The kiosks' busiest calls. A known device asking for an unchanged manifest is answered
 * on the event loop from memory (device cache, manifest cache, ETag compare): no database,
 * no thread hop. Only a device seen for the first time, or a manifest that has to be built,
 * goes to the blocking executor.
 */
@Controller("/api/v1/kiosk")
@Secured(SecurityRule.IS_ANONYMOUS)
class KioskManifestController {

    /** The server's clock, for kiosks whose own clock is off (not in the body: it would change the bytes). */
    static final String SERVER_TIME = "X-Server-Time";

    private final DeviceAuthenticator devices;
    private final Manifests manifests;
    private final KioskEvents events;
    private final ExecutorService blocking;
    private final Clock clock;

    KioskManifestController(DeviceAuthenticator devices, Manifests manifests, KioskEvents events,
                            @Named(TaskExecutors.BLOCKING) ExecutorService blocking, Clock clock) {
        this.devices = devices;
        this.manifests = manifests;
        this.events = events;
        this.blocking = blocking;
        this.clock = clock;
    }

    @Get("/manifest")
    CompletableFuture<MutableHttpResponse<?>> manifest(HttpRequest<?> request) {
        return devices.authenticate(request).thenCompose(device -> {
            if (device.isEmpty()) {
                return CompletableFuture.completedFuture(unauthorized());
            }
            long screenId = device.get().screenId();
            Manifests.Built cached = manifests.cached(screenId);
            if (cached != null) {
                return CompletableFuture.completedFuture(answer(cached, request));
            }
            return CompletableFuture.supplyAsync(() -> answer(manifests.current(screenId), request), blocking);
        });
    }

    @Get(value = "/events", produces = MediaType.TEXT_EVENT_STREAM)
    Mono<MutableHttpResponse<?>> events(HttpRequest<?> request) {
        // The device is checked before the stream is returned: an error inside a streamed
        // Flux skips the exception handlers and became a 500, so a
        // missing or revoked token is answered 401 here, as the manifest does.
        return Mono.fromFuture(devices.authenticate(request)).map(device -> {
            if (device.isEmpty()) {
                return unauthorized();
            }
            return HttpResponse.ok(stream(request, device.get().screenId(), device.get().id())).contentType(MediaType.TEXT_EVENT_STREAM_TYPE);
        });
    }

    private Flux<Event<String>> stream(HttpRequest<?> request, long screenId, long deviceId) {
        return Mono.fromCallable(() -> manifests.current(screenId))
                .subscribeOn(reactor.core.scheduler.Schedulers.fromExecutorService(blocking))
                .flatMapMany(built -> {
                    Flux<Event<String>> stream = events.open(screenId, deviceId,
                            request.getHeaders().get("Last-Event-ID"), built.etag());
                    if (stream == null) {
                        return Flux.error(new dk.albertslund.signage.core.ProblemException(503, "Service Unavailable",
                                Message.of("kiosk.events.full"), List.of()));
                    }
                    // A first line at once, so the kiosk (and any proxy) sees the stream is open.
                    return Flux.concat(Flux.just(Event.of("").comment("connected")), stream);
                });
    }

    private MutableHttpResponse<?> answer(Manifests.Built built, HttpRequest<?> request) {
        String ifNoneMatch = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        MutableHttpResponse<?> response = matches(ifNoneMatch, built.etag())
                ? HttpResponse.notModified()
                : HttpResponse.ok(built.body()).contentType(MediaType.APPLICATION_JSON_TYPE);
        return response.header(HttpHeaders.ETAG, built.etag())
                .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                .header(SERVER_TIME, clock.instant().toString());
    }

    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            if (candidate.strip().equals(etag) || candidate.strip().equals("*")) {
                return true;
            }
        }
        return false;
    }

    static MutableHttpResponse<?> unauthorized() {
        return HttpResponse.status(HttpStatus.UNAUTHORIZED)
                .body(new Problem("about:blank", "Unauthorized", 401, Message.of("kiosk.device.notPaired"), List.of()))
                .contentType(Problem.MEDIA_TYPE);
    }
}
