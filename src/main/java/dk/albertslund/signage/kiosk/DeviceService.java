package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.ProblemException;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.Set;
import dk.albertslund.signage.core.Sha256;

/**
 * Paired kiosks: listed per screen for every staff member, revoked by admins. A screen
 * has at most one active device; pairing another revokes it.
 */
@Singleton
public class DeviceService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("id", "pairedAt", "lastSeenAt"), "pairedAt,desc", Set.of());
    private static final Duration SEEN_RECORDED_EVERY = Duration.ofMinutes(1);

    private final DeviceRepository devices;
    private final ScreenService screens;
    private final AuditLog audit;
    private final ApplicationEventPublisher<DeviceRevoked> revocations;
    private final Clock clock;

    DeviceService(DeviceRepository devices, ScreenService screens, AuditLog audit,
                  ApplicationEventPublisher<DeviceRevoked> revocations, Clock clock) {
        this.devices = devices;
        this.screens = screens;
        this.audit = audit;
        this.revocations = revocations;
        this.clock = clock;
    }

    /** The API and audit view of a device; never its token or the token's hash. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String screen, Instant pairedAt, String pairedBy, String userAgent, String address,
                       @Nullable Instant lastSeenAt, boolean revoked, @Nullable Instant revokedAt, @Nullable String revokedBy) {
        static View of(Device d, String screenSlug) {
            return new View(d.id(), screenSlug, d.pairedAt(), d.pairedBy(), d.userAgent(), d.address(), d.lastSeenAt(),
                    d.revokedAt() != null, d.revokedAt(), d.revokedBy());
        }
    }

    /** A new device on a screen, and the device it replaced there, if one was active. */
    record Paired(Device device, @Nullable View replaced) {
    }

    @Transactional
    public Page<View> list(String screenSlug, ListQuery query) {
        Screen screen = screens.require(screenSlug);
        PredicateSpecification<Device> onScreen = (root, cb) -> cb.equal(root.get("screenId"), screen.id());
        return devices.findAll(onScreen, query.pageable()).map(d -> View.of(d, screen.slug()));
    }

    /** Revokes a device: its next call is refused with 401. Revoking twice changes nothing. */
    @Transactional
    public View revoke(String actor, long id) {
        Device device = devices.findById(id).orElseThrow(() -> ProblemException.notFound("kiosk.device.notFound", id));
        String screenSlug = screenSlug(device.screenId());
        if (device.revokedAt() != null) {
            return View.of(device, screenSlug);
        }
        return revoke(actor, device, screenSlug);
    }

    /**
     * Pairs a new device to a screen (the caller has checked the pairing), revoking the
     * screen's active device. Claims for one screen are serialised, so two at once cannot
     * leave it with two active devices.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Paired pair(String actor, Screen screen, Pairing pairing, Instant now) {
        devices.lockScreen(Math.toIntExact(screen.id()));
        View replaced = devices.findByScreenIdAndRevokedAtIsNull(screen.id())
                .map(old -> revoke(actor, old, screen.slug()))
                .orElse(null);
        Device device = devices.save(new Device(null, screen.id(), null, pairing.userAgent(), pairing.address(), now,
                actor, null, null, null));
        audit.record(actor, "device", device.id(), "pair", null, View.of(device, screen.slug()));
        return new Paired(device, replaced);
    }

    /**
     * The device token, made now and handed out this once; empty when it was collected
     * before or the device has been revoked since the claim.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Optional<String> collectToken(long deviceId) {
        String token = DeviceTokens.create();
        return devices.storeTokenOnce(deviceId, Sha256.hex(token)) == 1 ? Optional.of(token) : Optional.empty();
    }

    /** The active device holding the token with this hash, recording that it was seen. */
    @Transactional
    public Optional<KioskDevice> lookUp(String tokenHash) {
        Optional<Device> found = devices.findByTokenHashAndRevokedAtIsNull(tokenHash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Device device = found.get();
        seen(device.id());
        return Optional.of(new KioskDevice(device.id(), device.screenId(), screenSlug(device.screenId())));
    }

    @Transactional
    public void seen(long deviceId) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        devices.markSeen(deviceId, now, now.minus(SEEN_RECORDED_EVERY));
    }

    @Transactional
    public Optional<Device> find(long id) {
        return devices.findById(id);
    }

    private View revoke(String actor, Device device, String screenSlug) {
        Device revoked = devices.update(device.revoked(clock.instant().truncatedTo(ChronoUnit.MILLIS), actor));
        View after = View.of(revoked, screenSlug);
        audit.record(actor, "device", device.id(), "revoke", View.of(device, screenSlug), after);
        revocations.publishEvent(new DeviceRevoked(device.id()));
        return after;
    }

    private String screenSlug(long screenId) {
        return screens.findById(screenId).map(Screen::slug).orElseThrow(() -> ProblemException.notFound("screen.notFoundById", screenId));
    }
}
