package dk.albertslund.signage.announcement;

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
 * A slide: title and Markdown body (kept together with its sanitised HTML), language,
 * category, optional image or video, publish window [from, until) and display time.
 */
@MappedEntity("announcement")
public record Announcement(
        @Id @GeneratedValue @Nullable Long id,
        String slug,
        long institutionId,
        String title,
        String bodyMarkdown,
        String bodyHtml,
        String language,
        @Nullable Long translationOfId,
        String category,
        @TypeDef(type = DataType.STRING_ARRAY) List<String> tags,
        @Nullable Long mediaId,
        @Nullable Instant publishFrom,
        @Nullable Instant publishUntil,
        int durationSeconds,
        @TypeDef(type = DataType.STRING, converter = AnnouncementStatusColumn.class) AnnouncementStatus status,
        @Nullable String rejectionReason,
        @Nullable String createdBy,
        @DateCreated @Nullable Instant createdAt,
        @DateUpdated @Nullable Instant updatedAt) {

    /** This announcement as it would be in another status, for asking "where would it show once approved?". */
    public Announcement inStatus(AnnouncementStatus other) {
        return new Announcement(id, slug, institutionId, title, bodyMarkdown, bodyHtml, language, translationOfId, category,
                tags, mediaId, publishFrom, publishUntil, durationSeconds, other, rejectionReason, createdBy, createdAt, updatedAt);
    }

    /** A version of this announcement in another language, under another id, otherwise alike. */
    Announcement asTranslation(long otherId, String otherLanguage) {
        return new Announcement(otherId, slug, institutionId, title, bodyMarkdown, bodyHtml, otherLanguage, id, category,
                tags, mediaId, publishFrom, publishUntil, durationSeconds, status, rejectionReason, createdBy, createdAt, updatedAt);
    }
}
