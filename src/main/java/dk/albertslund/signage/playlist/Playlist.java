package dk.albertslund.signage.playlist;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/**
 * What plays: ordered announcements (its items, kept in playlist_item) and a rule that
 * selects more of them by category, institution (by slug) and tag. An empty rule selects
 * nothing. Without an institution it is a campus-wide playlist that only admins change.
 */
@MappedEntity("playlist")
public record Playlist(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String name,
        @Nullable Long institutionId,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> ruleCategories,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> ruleInstitutions,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> ruleTags,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {
}
