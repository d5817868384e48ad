package dk.albertslund.signage.screen;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Screens scheduled together (the station, the library, the schools), with a default playlist for them. */
@MappedEntity("screen_group")
public record ScreenGroup(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String name,
        @Nullable Long defaultPlaylistId,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {
}
