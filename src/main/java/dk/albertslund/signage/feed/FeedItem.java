package dk.albertslund.signage.feed;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** Which announcement an event occurrence became, and from what content. */
@MappedEntity("feed_item")
public record FeedItem(
        @Id @GeneratedValue @Nullable Long id,
        long feedId,
        String uid,
        String recurrenceId,
        long announcementId,
        Instant startsAt,
        @Nullable Instant endsAt,
        String contentHash) {
}
