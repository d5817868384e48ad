package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import io.micronaut.data.annotation.TypeDef;
import io.micronaut.data.model.DataType;

import java.time.Instant;
import java.util.List;

/**
 * An image a feed's events point to: the media it became, or why it could not be used (a
 * message key and its arguments, or the English text a version before V14 stored).
 */
@MappedEntity("feed_image")
public record FeedImage(
        @Id @GeneratedValue @Nullable Long id,
        long feedId,
        String url,
        String eventTitle,
        @Nullable Long mediaId,
        @Nullable String error,
        @Nullable String errorKey,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> errorArgs,
        Instant checkedAt) {

    /** Why the image was not used, or null when it was. */
    @Nullable
    Message failure() {
        return FeedSource.failure(error, errorKey, errorArgs);
    }
}
