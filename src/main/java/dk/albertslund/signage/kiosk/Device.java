package dk.albertslund.signage.kiosk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A kiosk browser paired to a screen. It proves who it is with a device token, of which
 * only the SHA-256 is kept; the hash is empty until the kiosk collects the token on its
 * first poll after the claim. A revoked device stays on record.
 */
@MappedEntity("device")
public record Device(
        @Id @GeneratedValue @Nullable Long id,
        long screenId,
        @Nullable String tokenHash,
        String userAgent,
        String address,
        Instant pairedAt,
        String pairedBy,
        @Nullable Instant lastSeenAt,
        @Nullable Instant revokedAt,
        @Nullable String revokedBy) {

    Device revoked(Instant at, String by) {
        return new Device(id, screenId, tokenHash, userAgent, address, pairedAt, pairedBy, lastSeenAt, at, by);
    }
}
