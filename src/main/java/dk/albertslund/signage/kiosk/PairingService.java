package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.Strict;
import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenService;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Secrets;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import dk.albertslund.signage.core.Sha256;

/**
 * Pairing a kiosk: the kiosk asks for a code and shows it; an admin looks the code up,
 * sees which device asked, and claims it for a screen; the kiosk, polling with its
 * secret, then receives its device token, once. Codes are short enough to type, so
 * wrong ones are throttled ({@link CodeGuessThrottle}) and each works once, for at most
 * ten minutes.
 */
@Singleton
public class PairingService {

    /** No look-alikes: no 0/O, 1/I/L, 2/Z, 5/S, 8/B. */
    static final String CODE_ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679";
    static final int CODE_LENGTH = 8;
    static final int POLL_INTERVAL_SECONDS = 3;
    static final int MAX_USER_AGENT = 300;
    /** Names this class's advisory locks ("KIOS"); only this class takes them. */
    private static final int ADDRESS_LOCK = 0x4b494f53;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final PairingRepository pairings;
    private final DeviceService devices;
    private final ScreenService screens;
    private final CodeGuessThrottle throttle;
    private final KioskSettings settings;
    private final JdbcOperations jdbc;
    private final Clock clock;

    PairingService(PairingRepository pairings, DeviceService devices, ScreenService screens,
                   CodeGuessThrottle throttle, KioskSettings settings, JdbcOperations jdbc, Clock clock) {
        this.pairings = pairings;
        this.devices = devices;
        this.screens = screens;
        this.throttle = throttle;
        this.settings = settings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** What an unpaired kiosk receives: the code to show, and the id and secret to poll with. */
    @Serdeable
    public record Requested(String pairingId, String code, String pollSecret, Instant expiresAt, int pollIntervalSeconds,
                            String serverName) {
    }

    /** What a poll answers: waiting, claimed (with the token the first time) or expired. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Poll(String status, @Nullable String deviceToken, @Nullable ScreenName screen) {
    }

    @Serdeable
    public record ScreenName(String slug, String name) {
    }

    /** What staff see of a waiting kiosk before they claim its code. */
    @Serdeable
    public record Waiting(String code, String userAgent, String address, Instant requestedAt, Instant expiresAt) {
        static Waiting of(Pairing p) {
            return new Waiting(p.code(), p.userAgent(), p.address(), p.requestedAt(), p.expiresAt());
        }
    }

    /** What an admin may send to claim a code. */
    @Serdeable
    @Strict
    public record Claim(@Nullable String code, @Nullable String screen) {
    }

    /** The answer to a claim: the new device, its screen, and the device it replaced there, if any. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Claimed(String detail, DeviceService.View device, ScreenName screen, @Nullable DeviceService.View replacedDevice) {
    }

    @Transactional
    public Requested request(@Nullable String userAgent, String address) {
        // Milliseconds, as JavaScript and the database both keep them, so expiresAt reads the same everywhere.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        lockAddress(address);
        if (pairings.countByAddressAndClaimedAtIsNullAndExpiresAtGreaterThan(address, now) >= settings.getOpenPairingsPerAddress()) {
            Instant freed = pairings.firstExpiryOfOpen(address, now).orElse(now.plusSeconds(60));
            throw new TooManyRequests(Message.of("kiosk.pairing.tooManyWaitingHere", settings.getOpenPairingsPerAddress()),
                    secondsUntil(now, freed));
        }
        if (pairings.countByClaimedAtIsNullAndExpiresAtGreaterThan(now) >= settings.getOpenPairings()) {
            throw new TooManyRequests(Message.of("kiosk.pairing.tooManyWaiting"), 60);
        }
        String pairingId = Secrets.random();
        String pollSecret = Secrets.random();
        Pairing saved = pairings.save(new Pairing(null, pairingId, freeCode(), Sha256.hex(pollSecret),
                bounded(userAgent), address, now, now.plus(settings.getPairingTtl()), null, null, null));
        return new Requested(pairingId, saved.code(), pollSecret, saved.expiresAt(), POLL_INTERVAL_SECONDS, settings.getServerName());
    }

    /** A kiosk's poll. An unknown id and a wrong secret get the same 404, so neither can be probed. */
    @Transactional
    public Poll poll(String pairingId, @Nullable String pollSecret) {
        Pairing pairing = pairings.findByPublicId(pairingId)
                .filter(p -> pollSecret != null && MessageDigest.isEqual(
                        p.pollSecretHash().getBytes(StandardCharsets.US_ASCII), Sha256.hex(pollSecret).getBytes(StandardCharsets.US_ASCII)))
                .orElseThrow(() -> ProblemException.notFound("kiosk.pairing.notFound"));
        if (pairing.deviceId() == null) {
            return new Poll(pairing.expiredAt(clock.instant()) ? "expired" : "waiting", null, null);
        }
        Device device = devices.find(pairing.deviceId()).orElse(null);
        if (device == null || device.revokedAt() != null) {
            // Revoked before the kiosk got its token: it must start again with a new code.
            return new Poll("expired", null, null);
        }
        Screen screen = screens.findById(device.screenId()).orElseThrow();
        return new Poll("claimed", devices.collectToken(device.id()).orElse(null), new ScreenName(screen.slug(), screen.name()));
    }

    /** The waiting kiosk behind a code, for an admin to check before claiming it. */
    @Transactional
    public Waiting lookUp(@Nullable String code, String address) {
        return Waiting.of(open(code, address, clock.instant()));
    }

    /**
     * Claims a code for a screen in the name of {@code actor} (who may do so is the staff
     * side's question); a device already active on that screen is revoked.
     */
    @Transactional
    public Claimed claim(String actor, Claim claim, String address) {
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "screen", claim.screen(), true);
        if (claim.code() == null) {
            errors.add("code", "field.required");
        }
        errors.throwIfAny();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Pairing pairing = open(claim.code(), address, now);
        Screen screen = screens.require(claim.screen());
        DeviceService.Paired paired = devices.pair(actor, screen, pairing, now);
        if (pairings.claim(pairing.id(), now, actor, paired.device().id()) != 1) {
            // Another claim of the same code won the race; this one's changes roll back.
            throw ProblemException.conflict("kiosk.pairing.codeUsed");
        }
        DeviceService.View device = DeviceService.View.of(paired.device(), screen.slug());
        String detail = "The kiosk is paired with the screen '" + screen.name() + "'."
                + (paired.replaced() == null ? "" : " The device paired with it before (device " + paired.replaced().id()
                + ") has been revoked.");
        return new Claimed(detail, device, new ScreenName(screen.slug(), screen.name()), paired.replaced());
    }

    /** Pairing requests that expired before the cutoff, claimed or not; their devices stay. */
    @Transactional
    public long prune(Instant cutoff) {
        return pairings.deleteExpiredBefore(cutoff);
    }

    /** The open pairing with this code; every refusal of a well-formed code counts as a failed guess. */
    private Pairing open(@Nullable String code, String address, Instant now) {
        String normalised = normalise(code);
        throttle.check(address);
        Optional<Pairing> found = pairings.findByCode(normalised);
        if (found.isEmpty()) {
            throttle.failed(address);
            throw ProblemException.notFound("kiosk.pairing.noSuchCode", normalised);
        }
        Pairing pairing = found.get();
        if (pairing.claimedAt() != null) {
            throttle.failed(address);
            throw ProblemException.conflict("kiosk.pairing.codeUsed");
        }
        if (pairing.expiredAt(now)) {
            throttle.failed(address);
            throw new ProblemException(410, "Gone", Message.of("kiosk.pairing.codeExpired"), List.of());
        }
        return pairing;
    }

    /** The code as the kiosk shows it: capitals, without the spaces or hyphens people type. */
    private static String normalise(@Nullable String code) {
        String normalised = code == null ? "" : code.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (normalised.length() != CODE_LENGTH || !normalised.chars().allMatch(c -> CODE_ALPHABET.indexOf(c) >= 0)) {
            throw ProblemException.badRequest("code", "kiosk.pairing.codeForm", CODE_LENGTH);
        }
        return normalised;
    }

    private String freeCode() {
        for (int attempt = 0; attempt < 10; attempt++) {
            StringBuilder code = new StringBuilder(CODE_LENGTH);
            for (int i = 0; i < CODE_LENGTH; i++) {
                code.append(CODE_ALPHABET.charAt(RANDOM.nextInt(CODE_ALPHABET.length())));
            }
            if (!pairings.existsByCode(code.toString())) {
                return code.toString();
            }
        }
        throw new IllegalStateException("No free pairing code after 10 attempts");
    }

    /** Requests from one address take turns, so two at once cannot both pass the open-pairings bound. */
    private void lockAddress(String address) {
        jdbc.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(?))", statement -> {
            statement.setInt(1, ADDRESS_LOCK);
            statement.setString(2, address);
            try (var rows = statement.executeQuery()) {
                return rows.next();
            }
        });
    }

    private static long secondsUntil(Instant now, Instant then) {
        return Math.max(1, (Duration.between(now, then).toMillis() + 999) / 1000);
    }

    /** A user agent as stored and shown: control characters out, at most 300 characters. */
    static String bounded(@Nullable String userAgent) {
        return UntrustedText.truncate(UntrustedText.clean(userAgent == null ? "" : userAgent).strip(), MAX_USER_AGENT);
    }

}
