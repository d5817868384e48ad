package dk.albertslund.signage.feed;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/** An image a feed's events point to: the media it became, or why it could not be used. */
@MappedEntity("feed_image")
public record FeedImage(
        @Id @GeneratedValue @Nullable Long id,
        long feedId,
        String url,
        String eventTitle,
        @Nullable Long mediaId,
        @Nullable String error,
        Instant checkedAt) {
}
