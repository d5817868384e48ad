package dk.albertslund.signage.media;

import java.util.Arrays;
import java.util.Optional;

/**
 * The kinds of file Campus Signage stores and kiosks can play. The extension is ours,
 * chosen by the type sniffed from the bytes, so a stored file name never comes from a user.
 */
public enum MediaFormat {
    PNG("image/png", "png", true),
    JPEG("image/jpeg", "jpg", true),
    WEBP("image/webp", "webp", true),
    MP4("video/mp4", "mp4", true),
    WEBM("video/webm", "webm", true),
    /** Only from the content pack, and only after {@link SvgSanitizer}: a script in an SVG runs when it is opened. */
    SVG("image/svg+xml", "svg", false);

    private final String contentType;
    private final String extension;
    private final boolean uploadable;

    MediaFormat(String contentType, String extension, boolean uploadable) {
        this.contentType = contentType;
        this.extension = extension;
        this.uploadable = uploadable;
    }

    /**
     * What kind of slide a file of this content type makes ("text" without a file), as the
     * kiosk's manifest and the staff pages' previews both name it.
     */
    public static String slideKind(String contentType) {
        return contentType == null ? "text" : contentType.startsWith("video/") ? "video" : "image";
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return extension;
    }

    /** What staff may upload through the API: never SVG. */
    static Optional<MediaFormat> forUpload(String contentType) {
        return of(contentType).filter(f -> f.uploadable);
    }

    /** What the content pack may bring: the upload formats and sanitised SVG. */
    static Optional<MediaFormat> of(String contentType) {
        return Arrays.stream(values()).filter(f -> f.contentType.equals(contentType)).findFirst();
    }
}
