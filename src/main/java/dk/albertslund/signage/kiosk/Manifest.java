package dk.albertslund.signage.kiosk;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;

/**
 * What a kiosk plays, as the kiosk receives it: the screen, the slides in play order and
 * until when this holds. It carries no per-request value (the server's clock travels in
 * a header), so equal manifests are equal bytes and a strong ETag can name them.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(ScreenInfo screen, Instant generatedAt, @Nullable Instant nextChangeAt, boolean emergency,
                       List<Slide> slides) {

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScreenInfo(String slug, String name, String orientation, String layout, List<String> languages,
                             int width, int height) {
    }

    /** One showing of one announcement in one language; its position in the list is its turn. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Slide(long id, String kind, String title, String html, String language, int durationSeconds,
                        @Nullable Instant until, Institution institution, @Nullable MediaFile media) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Institution(String name, String colour) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record MediaFile(String url, String sha256, long bytes, String type, @Nullable Integer width, @Nullable Integer height) {
    }
}
