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
 * {@code screen.departures} says where the station's next trains go (off, zone, slide); the
 * board itself comes from its own endpoint, as it changes far more often than the manifest.
 *
 * <p>{@code turns}, only on a screen with airtime shares (docs/ARCHITECTURE.md, "Fair
 * airtime"), is the play order instead: positions in {@code slides}, one per showing, a
 * message as often as its institution's share needs, for one loop of at most an hour.
 * The slides stay each once, in playlist order, so a picture or a QR code is sent once,
 * and a kiosk from before turns plays them in that order.
 */
@Serdeable
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Manifest(ScreenInfo screen, Instant generatedAt, @Nullable Instant nextChangeAt, boolean emergency,
                       List<Slide> slides, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable List<Integer> turns,
                       @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Week week) {

    @io.micronaut.core.annotation.Creator
    public Manifest {
    }

    /** A manifest that plays its slides in their order. */
    public Manifest(ScreenInfo screen, Instant generatedAt, @Nullable Instant nextChangeAt, boolean emergency,
                    List<Slide> slides) {
        this(screen, generatedAt, nextChangeAt, emergency, slides, null, null);
    }

    /** The same manifest built at another instant (the ETag is taken of it at the epoch). */
    public Manifest at(Instant instant) {
        return new Manifest(screen, instant, nextChangeAt, emergency, slides, turns, week);
    }

    /**
     * {@code touch}: a touch screen (README "Touch kiosk"), whose kiosk offers "Hvad sker
     * der? / What's on" over the rotation.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ScreenInfo(String slug, String name, String orientation, String layout, List<String> languages,
                             int width, int height, boolean infoBand, String departures, boolean touch) {
    }

    /**
     * A touch screen's coming week, for "Hvad sker der? / What's on" only (the rotation plays
     * {@code slides}): the {@code days} calendar days on campus from {@code from}, today
     * first. {@code coming} are the messages the screen will show on them that are not
     * on show now (without their pictures, which the view does not show, so nothing is
     * fetched before its time); {@code showings} say when each message, on show or coming,
     * is on the screen within those days, neighbouring times joined. It is sent only to
     * touch screens and changes at midnight, so the days move on by themselves.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Week(java.time.LocalDate from, int days, List<Slide> coming, List<Showing> showings) {
    }

    /** Message {@code id} is on the screen during [from, until). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Showing(long id, Instant from, Instant until) {
    }

    /**
     * One showing of one message; its position in the list is its turn. {@code texts} are
     * its words in the screen's languages, in the screen's order, shown in turn within
     * {@code durationSeconds} (docs/MESSAGES.md); title, html and language repeat the first,
     * for a kiosk still running a client from before texts. {@code link} is the message's
     * QR code, null without a link (docs/LINKS.md).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Slide(long id, String kind, String title, String html, String language, List<Text> texts,
                        int durationSeconds, @Nullable Instant until, Institution institution, @Nullable MediaFile media,
                        @Nullable Link link) {

        /** A slide without a link. */
        public Slide(long id, String kind, String title, String html, String language, List<Text> texts,
                     int durationSeconds, @Nullable Instant until, Institution institution, @Nullable MediaFile media) {
            this(id, kind, title, html, language, texts, durationSeconds, until, institution, media, null);
        }
    }

    /**
     * A message's link as the kiosk draws it, computed on the server so it works from the
     * cached manifest offline: {@code address} is the short address the code holds,
     * {@code label} the same without its scheme (written beside the code), {@code qrPath}
     * the dark modules as SVG path data in a {@code modules × modules} square that includes
     * the quiet zone, and {@code modulePx} the screen pixels per module the readability
     * check judged for this screen (docs/LINKS.md).
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Link(String address, String label, String qrPath, int modules, int modulePx) {
    }

    /** A message's words in one language. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Text(String language, String title, String html) {
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
