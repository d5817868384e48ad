package dk.albertslund.signage.staff;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A personal API token for automation; only the SHA-256 of its secret is kept. */
@MappedEntity("api_token")
public record ApiToken(
        @Id @GeneratedValue @Nullable Long id,
        long staffUserId,
        String name,
        String tokenHash,
        @DateCreated @Nullable Instant createdAt,
        @Nullable Instant expiresAt,
        @Nullable Instant lastUsedAt,
        @Nullable Instant revokedAt) {

    ApiToken revoked(Instant at) {
        return new ApiToken(id, staffUserId, name, tokenHash, createdAt, expiresAt, lastUsedAt, at);
    }
}
