package dk.albertslund.signage.institution;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** A school, the library, a venue: owns announcements and playlists, and is what editors belong to. */
@MappedEntity("institution")
public record Institution(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String name,
        String colour,
        @Nullable Long logoMediaId,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {
}
