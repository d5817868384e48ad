package dk.albertslund.signage.feed;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.DateUpdated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * A calendar or news feed of an institution, how its items become announcements, and how
 * its last import went.
 */
@MappedEntity("feed_source")
public record FeedSource(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String name,
        String kind,
        @Nullable String url,
        @Nullable String uploadedContent,
        long institutionId,
        String category,
        String language,
        String template,
        int leadTimeDays,
        String showUntil,
        boolean autoApprove,
        int refreshMinutes,
        int durationSeconds,
        @Nullable String etag,
        @Nullable String lastModified,
        String importStatus,
        @Nullable Instant importStartedAt,
        @Nullable Instant importedAt,
        int itemsProcessed,
        int itemsTotal,
        @Nullable String error,
        @Nullable Integer errorLine,
        @Nullable Instant failedAt,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    static final String ICS_URL = "ics-url";
    static final String ICS_FILE = "ics-file";
    static final String RSS_URL = "rss-url";

    boolean isCalendar() {
        return !kind.equals(RSS_URL);
    }
}
