package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import dk.albertslund.signage.core.DatabaseStatus;
import dk.albertslund.signage.core.Sha256;
import dk.albertslund.signage.core.UnavailableException;

/**
 * Who is calling a kiosk endpoint: the device behind {@code Authorization: Bearer sgd_...}.
 *
 * <p>Kiosk calls are the busiest on the server, so a token checked against the database
 * is remembered (by its SHA-256, never the token itself) for {@code signage.kiosk.device-cache-ttl}
 * (5 s by default). A remembered token is answered without touching the database or
 * leaving the calling thread, so it may be used on the event loop; an unknown one is
 * looked up on the blocking executor. A revocation through this server takes effect at
 * once; one made through another server reaches this one when the entry expires, within
 * the TTL. Staff tokens are never device tokens: they are refused here, and device tokens
 * are never read by the staff security filter ({@link StaffBearerTokenReader}).
 */
@Singleton
public class DeviceAuthenticator {

    private static final int MAX_REMEMBERED = 100_000;
    /** Long enough to outlast any lookup that was under way when a device was revoked. */
    private static final long REVOCATION_REMEMBERED_MILLIS = 60_000;

    private final DeviceService devices;
    private final DatabaseStatus database;
    private final ExecutorService blocking;
    private final Clock clock;
    private final long ttlMillis;
    private final Map<String, Remembered> byTokenHash = new ConcurrentHashMap<>();
    private final Map<Long, Long> revokedHere = new ConcurrentHashMap<>();

    DeviceAuthenticator(DeviceService devices, @Named(TaskExecutors.BLOCKING) ExecutorService blocking, Clock clock,
                        KioskSettings settings, DatabaseStatus database) {
        this.database = database;
        this.devices = devices;
        this.blocking = blocking;
        this.clock = clock;
        this.ttlMillis = settings.getDeviceCacheTtl().toMillis();
    }

    private record Remembered(KioskDevice device, long untilMillis) {
    }

    /** The calling device if its token was checked within the TTL; null otherwise. Never blocks. */
    @Nullable
    public KioskDevice remembered(HttpRequest<?> request) {
        return rememberedBearer(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
    }

    /** The same for a raw Authorization header, for {@link ManifestFastPath}, which runs before Micronaut's request exists. */
    @Nullable
    KioskDevice rememberedBearer(@Nullable String authorization) {
        String token = DeviceTokens.fromAuthorization(authorization);
        return token == null ? null : remembered(Sha256.hex(token));
    }

    /**
     * The calling device, or empty for a missing, unknown or revoked token. Completes at
     * once when the token is remembered; otherwise the database is asked on the blocking
     * executor.
     */
    public CompletableFuture<Optional<KioskDevice>> authenticate(HttpRequest<?> request) {
        String token = DeviceTokens.fromAuthorization(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            return CompletableFuture.completedFuture(Optional.empty());
        }
        String hash = Sha256.hex(token);
        KioskDevice known = remembered(hash);
        if (known != null) {
            return CompletableFuture.completedFuture(Optional.of(known));
        }
        return CompletableFuture.supplyAsync(() -> lookUp(hash), blocking);
    }

    /** The calling device, or a 401 problem. Blocks on a database lookup: for code already on the blocking executor. */
    public KioskDevice require(HttpRequest<?> request) {
        String token = DeviceTokens.fromAuthorization(request.getHeaders().get(HttpHeaders.AUTHORIZATION));
        Optional<KioskDevice> device = Optional.empty();
        if (token != null) {
            String hash = Sha256.hex(token);
            KioskDevice known = remembered(hash);
            device = known != null ? Optional.of(known) : lookUp(hash);
        }
        return device.orElseThrow(() -> new ProblemException(401, "Unauthorized", Message.of("kiosk.device.notPaired"), List.of()));
    }

    /** Forgets a revoked device at once; called after the revocation is committed. */
    @TransactionalEventListener
    void onRevoked(DeviceRevoked revoked) {
        long now = clock.millis();
        revokedHere.values().removeIf(until -> until < now);
        revokedHere.put(revoked.deviceId(), now + REVOCATION_REMEMBERED_MILLIS);
        byTokenHash.values().removeIf(r -> r.device().id() == revoked.deviceId());
    }

    @Nullable
    private KioskDevice remembered(String hash) {
        Remembered remembered = byTokenHash.get(hash);
        if (remembered == null || clock.millis() >= remembered.untilMillis()) {
            // an expired entry stays until the database answers: it is what an outage falls back on
            return null;
        }
        return remembered.device();
    }

    /**
     * Asks the database; while it is away, a device this server has seen before is taken
     * on what was last known of it, so kiosks play on through an outage
     * (docs/OPERATIONS.md). A revocation made here is still honoured; one made elsewhere
     * could not have been committed while the database was away. A device never seen is
     * a 503: it cannot be checked now.
     */
    private Optional<KioskDevice> lookUp(String hash) {
        Optional<KioskDevice> found;
        try {
            if (!database.available()) {
                return lastKnown(hash);
            }
            found = devices.lookUp(hash);
        } catch (RuntimeException e) {
            if (!database.failed(e)) {
                throw e;
            }
            return lastKnown(hash);
        }
        found.ifPresentOrElse(device -> remember(hash, device), () -> byTokenHash.remove(hash));
        return found;
    }

    private Optional<KioskDevice> lastKnown(String hash) {
        Remembered known = byTokenHash.get(hash);
        if (known == null || revokedHere.containsKey(known.device().id())) {
            throw new UnavailableException("kiosk.device.unknownDuringOutage");
        }
        return Optional.of(known.device());
    }

    private void remember(String hash, KioskDevice device) {
        if (ttlMillis <= 0) {
            return;
        }
        if (byTokenHash.size() >= MAX_REMEMBERED) {
            long now = clock.millis();
            byTokenHash.values().removeIf(r -> r.untilMillis() <= now);
            if (byTokenHash.size() >= MAX_REMEMBERED) {
                byTokenHash.clear();
            }
        }
        Remembered entry = new Remembered(device, clock.millis() + ttlMillis);
        byTokenHash.put(hash, entry);
        // A revocation committed while the database was being asked must not be undone by
        // this entry: checked after storing it, so either this sees the revocation or the
        // revocation sees (and removes) the entry.
        if (revokedHere.containsKey(device.id())) {
            byTokenHash.remove(hash, entry);
        }
    }
}
