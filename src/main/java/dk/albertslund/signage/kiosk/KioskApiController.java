package dk.albertslund.signage.kiosk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.net.URI;
import dk.albertslund.signage.core.ClientAddress;

/**
 * The kiosk's side of the API. Open to anonymous callers as far as staff security goes:
 * pairing needs no credentials (the poll carries its own secret), and the device
 * endpoints check the device token themselves ({@link DeviceAuthenticator}), refusing
 * staff tokens with 401.
 */
@Controller("/api/v1/kiosk")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class KioskApiController {

    static final String POLL_SECRET_HEADER = "X-Pairing-Secret";

    private final ClientAddress addresses;
    private final PairingService pairings;
    private final HeartbeatService heartbeats;
    private final PlayService plays;
    private final DeviceAuthenticator devices;
    private final DeviceLimits limits;

    KioskApiController(PairingService pairings, HeartbeatService heartbeats, PlayService plays, DeviceAuthenticator devices,
                       DeviceLimits limits, ClientAddress addresses) {
        this.addresses = addresses;
        this.limits = limits;
        this.pairings = pairings;
        this.heartbeats = heartbeats;
        this.plays = plays;
        this.devices = devices;
    }

    @Post("/pairings")
    HttpResponse<PairingService.Requested> requestPairing(HttpRequest<?> request) {
        PairingService.Requested requested = pairings.request(request.getHeaders().get(HttpHeaders.USER_AGENT), addresses.of(request));
        return HttpResponse.created(requested, URI.create("/api/v1/kiosk/pairings/" + requested.pairingId()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get("/pairings/{pairingId}")
    HttpResponse<PairingService.Poll> poll(String pairingId, @Nullable @Header(POLL_SECRET_HEADER) String pollSecret) {
        return HttpResponse.ok(pairings.poll(pairingId, pollSecret)).header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Post("/heartbeat")
    @Status(HttpStatus.NO_CONTENT)
    void heartbeat(HttpRequest<?> request, @Nullable @Body JsonNode body) {
        KioskDevice device = devices.require(request);
        limits.heartbeat(device);
        heartbeats.record(device, body);
    }

    @Post("/plays")
    @Status(HttpStatus.NO_CONTENT)
    void plays(HttpRequest<?> request, @Nullable @Body JsonNode body) {
        KioskDevice device = devices.require(request);
        limits.plays(device);
        plays.record(device, body);
    }
}
