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
import java.util.ArrayList;
import java.util.List;

/**
 * A message: its words in its main language (title and Markdown body, kept with the
 * sanitised HTML) and in any further languages ({@code translations}), category, optional
 * image or video, publish window [from, until) and display time for all its languages
 * together. It is written, approved and shown as one (docs/MESSAGES.md). {@code link} is
 * the web address passers-by can take with them as a QR code, approved with the words
 * (docs/LINKS.md).
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
        @TypeDef(type = DataType.JSON) List<LanguageVersion> translations,
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
        @DateUpdated @Nullable Instant updatedAt,
        @Nullable String link) {

    public Announcement {
        translations = translations == null ? List.of() : List.copyOf(translations);
        tags = tags == null ? List.of() : tags;
    }

    /** This announcement as it would be in another status, for asking "where would it show once approved?". */
    public Announcement inStatus(AnnouncementStatus other) {
        return new Announcement(id, slug, institutionId, title, bodyMarkdown, bodyHtml, language, translations, category,
                tags, mediaId, publishFrom, publishUntil, durationSeconds, other, rejectionReason, createdBy, createdAt, updatedAt, link);
    }

    /** Every language version, the main one first. */
    public List<LanguageVersion> versions() {
        List<LanguageVersion> all = new ArrayList<>(1 + translations.size());
        all.add(new LanguageVersion(language, title, bodyMarkdown, bodyHtml));
        all.addAll(translations);
        return all;
    }

    /** The languages it is written in, the main one first. */
    public List<String> languages() {
        return versions().stream().map(LanguageVersion::language).toList();
    }

    /**
     * The versions a screen playing {@code screenLanguages} shows, in the screen's order;
     * empty when it has none of them.
     */
    public List<LanguageVersion> shownIn(List<String> screenLanguages) {
        List<LanguageVersion> all = versions();
        List<LanguageVersion> shown = new ArrayList<>();
        for (String language : screenLanguages) {
            all.stream().filter(v -> v.language().equals(language)).findFirst().ifPresent(shown::add);
        }
        return shown;
    }
}
