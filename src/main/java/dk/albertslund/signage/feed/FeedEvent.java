package dk.albertslund.signage.feed;

import io.micronaut.core.annotation.Nullable;

import java.time.Instant;

/**
 * One occurrence of an event (or one news item) as read from a feed, whatever its format.
 * {@code recurrenceId} is empty for a single event and names the occurrence of a
 * recurring one, so (uid, recurrenceId) finds its announcement again on the next import.
 */
public record FeedEvent(String uid, String recurrenceId, String title, String description, String location,
                        @Nullable String url, @Nullable String imageUrl, Instant start, @Nullable Instant end,
                        boolean allDay) {
}
