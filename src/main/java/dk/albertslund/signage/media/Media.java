package dk.albertslund.signage.media;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.DateCreated;
import io.micronaut.data.annotation.GeneratedValue;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;

/**
 * An uploaded image or video. The file is stored under its SHA-256, never under a name
 * a user chose; the row holds what was sniffed from its bytes. {@code fileProblem} is what
 * the last integrity check found wrong with the file on disk, since when (null when it is
 * fine): such a file is left out of kiosk manifests ({@link MediaIntegrity}).
 */
@MappedEntity("media")
public record Media(
        @Id @GeneratedValue @Nullable Long id,
        String sha256,
        String contentType,
        String extension,
        long bytes,
        @Nullable Integer width,
        @Nullable Integer height,
        @Nullable Long durationMs,
        @Nullable String originalName,
        @Nullable String altText,
        @Nullable Long institutionId,
        @Nullable String uploadedBy,
        @DateCreated @Nullable Instant createdAt,
        @Nullable FileProblem fileProblem,
        @Nullable Instant fileProblemSince) {

    /** False while the file is missing or corrupt: then no kiosk is sent its URL. */
    public boolean servable() {
        return fileProblem == null;
    }

    /** Where the file is served: immutable, so it can be cached forever. */
    public String url() {
        return "/media/" + sha256 + "." + extension;
    }
}
