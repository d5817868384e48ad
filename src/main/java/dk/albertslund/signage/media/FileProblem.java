package dk.albertslund.signage.media;

import java.util.Locale;

/** Why a stored media file cannot be served as it was recorded. */
public enum FileProblem {

    /** The file is not in the media folder, or cannot be read there. */
    MISSING,

    /** The file is there, but its bytes no longer hash to the SHA-256 it is stored under. */
    CORRUPT;

    /** As /health and message keys say it: "missing", "corrupt". */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
