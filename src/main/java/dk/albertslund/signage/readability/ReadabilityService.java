package dk.albertslund.signage.readability;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.MarkdownRenderer;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.SerdeImport;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The readability checks for announcements: one being written (checked as the editor
 * types) and one that is stored (checked for the approver). A slide is checked on the
 * screens that play its language, as the institution's colour and the player show it.
 */
@Singleton
@SerdeImport(Verdict.class)
@SerdeImport(Finding.class)
@SerdeImport(Finding.Message.class)
public class ReadabilityService {

    /** The announcement default, so a duration not yet filled in is checked as it would be saved. */
    private static final int DEFAULT_DURATION_SECONDS = 10;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** When no screen plays the language (or there are none yet): the common campus screen. */
    private static final Display TYPICAL = Display.of("1920 × 1080", 1920, 1080, Display.FULL);

    private final ReadabilityCheck check = new ReadabilityCheck();
    private final InstitutionService institutions;
    private final Displays screens;
    private final MediaService media;
    private final MarkdownRenderer markdown;

    private final String publicUrl;

    ReadabilityService(InstitutionService institutions, Displays screens, MediaService media, MarkdownRenderer markdown,
                       SignageConfiguration configuration) {
        this.publicUrl = configuration.getPublicUrl();
        this.institutions = institutions;
        this.screens = screens;
        this.media = media;
        this.markdown = markdown;
    }

    /**
     * The announcement fields being edited. {@code colour} (an institution colour being
     * tried out) wins over {@code institution}'s colour; {@code media} is the sha256 of the
     * picture or video; {@code screen} checks one screen instead of every screen that plays
     * {@code language}.
     */
    @Serdeable
    @Strict
    public record Draft(@Nullable String title, @Nullable String body, @Nullable Integer durationSeconds,
                        @Nullable String institution, @Nullable String colour, @Nullable String language,
                        @Nullable String media, @Nullable String screen, @Nullable String link) {

        /** A draft without a link, as callers from before links write it. */
        public Draft(@Nullable String title, @Nullable String body, @Nullable Integer durationSeconds,
                     @Nullable String institution, @Nullable String colour, @Nullable String language,
                     @Nullable String media, @Nullable String screen) {
            this(title, body, durationSeconds, institution, colour, language, media, screen, null);
        }
    }

    @Transactional
    public Verdict check(Draft draft) {
        return check(draft, 1);
    }

    /**
     * The verdict on one language of a message written in {@code languages}: the languages
     * share the slide's time (docs/MESSAGES.md), so the words are judged on their share.
     */
    @Transactional
    public Verdict check(Draft draft, int languages) {
        FieldErrors errors = new FieldErrors();
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.length() > 120) {
            errors.add("title", "field.tooLong", 120);
        }
        String body = draft.body() == null ? "" : draft.body();
        if (body.strip().length() > 5000) {
            errors.add("body", "field.tooLong", 5000);
        }
        int duration = draft.durationSeconds() == null ? DEFAULT_DURATION_SECONDS : draft.durationSeconds();
        if (duration < 3 || duration > 300) {
            errors.add("durationSeconds", "field.between", 3, 300);
        }
        Optional<Institution> institution = draft.institution() == null ? Optional.empty()
                : institutions.findBySlug(draft.institution());
        if (draft.institution() != null && institution.isEmpty()) {
            errors.add("institution", "institution.unknown");
        }
        if (draft.colour() != null && !Colours.isColour(draft.colour())) {
            errors.add("colour", "field.colour");
        }
        if (draft.language() != null && !List.of("da", "en").contains(draft.language())) {
            errors.add("language", "field.daOrEn");
        }
        if (draft.media() != null && (!SHA256.matcher(draft.media()).matches() || media.findBySha256(draft.media()).isEmpty())) {
            errors.add("media", "media.unknown");
        }
        Optional<Display> screen = draft.screen() == null ? Optional.empty() : screens.screen(draft.screen());
        if (draft.screen() != null && screen.isEmpty()) {
            errors.add("screen", "screen.unknown");
        }
        errors.throwIfAny();
        String colour = draft.colour() != null ? draft.colour() : institution.map(Institution::colour).orElse(Colours.FALLBACK);
        int share = Math.max(1, duration / Math.max(1, languages));
        Slide slide = new Slide(title, SlideText.paragraphs(markdown.render(body)), share, colour, draft.media() != null,
                qrAddress(draft.link()));
        return check.check(slide, screen.map(List::of).orElseGet(() -> displays(draft.language())));
    }

    /**
     * The verdict on a stored slide: its title, its body as stored (sanitised HTML), its
     * institution's colour, on the screens that play its language.
     */
    @Transactional
    public Verdict checkStored(String title, String html, int durationSeconds, String institution, String language, boolean hasMedia,
                               @Nullable String link) {
        String colour = institutions.findBySlug(institution).map(Institution::colour).orElse(Colours.FALLBACK);
        Slide slide = new Slide(title, SlideText.paragraphs(html), durationSeconds, colour, hasMedia, qrAddress(link));
        return check.check(slide, displays(language));
    }

    /**
     * What a screen's QR code will hold for a message with {@code link}: its short address,
     * whose length (not the link's) sets the code's size (docs/LINKS.md). Null without a link.
     */
    @Nullable
    private String qrAddress(@Nullable String link) {
        return link == null || link.isBlank() ? null : QrCode.sampleAddress(publicUrl);
    }

    /** The screens that play {@code language} (any language when null). */
    private List<Display> displays(@Nullable String language) {
        List<Display> displays = screens.playing(language);
        return displays.isEmpty() ? List.of(TYPICAL) : displays;
    }
}
