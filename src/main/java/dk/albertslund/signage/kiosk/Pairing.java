package dk.albertslund.signage.kiosk;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An unpaired kiosk's request to be paired: the code it shows on screen, the hash of
 * the secret it polls with, and what staff see before they confirm (user agent,
 * address, when). Claiming it for a screen creates the {@link Device}.
 */
@MappedEntity("kiosk_pairing")
public record Pairing(
        @Id @GeneratedValue @Nullable Long id,
        String publicId,
        String code,
        String pollSecretHash,
        String userAgent,
        String address,
        Instant requestedAt,
        Instant expiresAt,
        @Nullable Instant claimedAt,
        @Nullable String claimedBy,
        @Nullable Long deviceId) {

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
