package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Message;
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
 * A calendar or news feed of an institution, how its items become announcements, and how
 * its last import went: why it failed is a message key and its arguments ({@code errorKey},
 * {@code errorArgs}), or the English text ({@code error}) a version before V14 stored.
 */
@MappedEntity("feed_source")
public record FeedSource(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        String name,
        @TypeDef(type = DataType.STRING, converter = FeedKind.Column.class) FeedKind kind,
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
        @Nullable String errorKey,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> errorArgs,
        @Nullable Integer errorLine,
        @Nullable Instant failedAt,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    boolean isCalendar() {
        return kind.isCalendar();
    }

    /** Why the last import failed, or null: the stored text of an older version is shown as it was stored. */
    @Nullable
    Message failure() {
        return failure(error, errorKey, errorArgs);
    }

    static @Nullable Message failure(@Nullable String text, @Nullable String key, @Nullable List<String> args) {
        if (text != null) {
            return Message.verbatim(text);
        }
        return key == null ? null : new Message(key, List.copyOf(args == null ? List.of() : args));
    }

    /** A message's arguments as stored: a part of the sentence is stored in its English words. */
    static String[] storedArgs(Message message) {
        return message.args().stream().map(a -> a instanceof Message part ? part.english() : (String) a).toArray(String[]::new);
    }
}
