package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The staff editor's side of announcements: the Danish and English versions of one slide
 * are written in one form, so they are saved together. The first version written is the
 * original and the other its translation, as the service models them. Either both are
 * saved or neither, and every wrong field of both is named at once.
 */
@Singleton
class AnnouncementEditor {

    /** Fields that belong to one language version; the form names them with the language, e.g. titleDa. */
    private static final Set<String> PER_LANGUAGE = Set.of("title", "body", "language", "translationOf", "slug");

    private final AnnouncementService service;
    private final AnnouncementRepository announcements;

    AnnouncementEditor(AnnouncementService service, AnnouncementRepository announcements) {
        this.service = service;
        this.announcements = announcements;
    }

    /** An original and, if it has one, its translation. */
    record Pair(AnnouncementService.View original, @Nullable AnnouncementService.View translation) {

        @Nullable
        AnnouncementService.View in(String language) {
            if (original.language().equals(language)) {
                return original;
            }
            return translation != null && translation.language().equals(language) ? translation : null;
        }

        List<AnnouncementService.View> both() {
            return translation == null ? List.of(original) : List.of(original, translation);
        }
    }

    /** What both versions share. Times are already ISO instants with their offset, or null. */
    record Shared(@Nullable String institution, @Nullable String category, @Nullable String media,
                  @Nullable String publishFrom, @Nullable String publishUntil, @Nullable Integer durationSeconds) {
    }

    /** The words of one language version. */
    record Text(@Nullable String title, @Nullable String body) {

        boolean isEmpty() {
            return blank(title) && blank(body);
        }
    }

    /** The pair an announcement belongs to, as {@code viewer} may see it. */
    @Transactional
    Pair pair(Staff viewer, String slug) {
        AnnouncementService.View view = service.get(viewer, slug);
        AnnouncementService.View original = view.translationOf() == null ? view : service.get(viewer, view.translationOf());
        AnnouncementService.View translation = original.translations().isEmpty() ? null
                : service.get(viewer, original.translations().get(0));
        return new Pair(original, translation);
    }

    /**
     * Creates (slug null) or changes the pair, and with {@code submit} sends its drafts for
     * approval. {@code formErrors} are problems the page found before (an unreadable date):
     * they are reported with the service's, and nothing is saved. Returns the original's slug.
     */
    @Transactional
    String save(Staff actor, @Nullable String slug, Shared shared, Map<String, Text> texts,
                List<Problem.FieldError> formErrors, boolean submit) {
        List<Problem.FieldError> errors = new ArrayList<>(formErrors);
        Pair pair = slug == null ? null : pair(actor, slug);
        String first = pair != null ? pair.original().language()
                : texts.get("da").isEmpty() && !texts.get("en").isEmpty() ? "en" : "da";
        String second = first.equals("da") ? "en" : "da";

        AnnouncementService.View original = attempt(errors, first, () -> pair == null
                ? service.create(actor, command(freeSlug(base(texts.get(first).title())), first, null, texts.get(first), shared, null))
                : service.update(actor, pair.original().slug(), command(null, first, null, texts.get(first), shared, pair.original())));

        AnnouncementService.View existing = pair == null ? null : pair.in(second);
        AnnouncementService.View translation = null;
        if (texts.get(second).isEmpty()) {
            if (existing != null) {
                attempt(errors, second, () -> {
                    service.delete(actor, existing.slug());
                    return null;
                });
            }
        } else {
            String originalSlug = original != null ? original.slug() : pair != null ? pair.original().slug() : null;
            translation = attempt(errors, second, () -> existing == null
                    ? service.create(actor, command(freeSlug((originalSlug == null ? base(texts.get(second).title()) : originalSlug) + "-" + second),
                            second, originalSlug, texts.get(second), shared, null))
                    : service.update(actor, existing.slug(), command(null, second, originalSlug, texts.get(second), shared, existing)));
        }
        if (!errors.isEmpty()) {
            // rolls back whatever was saved, so the pair is never left half changed
            throw ProblemException.invalid(errors);
        }
        if (submit) {
            for (AnnouncementService.View version : translation == null ? List.of(original) : List.of(original, translation)) {
                if (AnnouncementStatus.DRAFT.value().equals(version.status())) {
                    service.submit(actor, version.slug());
                }
            }
        }
        return original.slug();
    }

    /** Puts an uploaded or chosen picture on both versions, everything else kept. */
    @Transactional
    void useMedia(Staff actor, String slug, String sha256) {
        for (AnnouncementService.View version : pair(actor, slug).both()) {
            service.update(actor, version.slug(), new AnnouncementService.Command(null, null, version.title(), version.body(),
                    version.language(), version.translationOf(), version.category(), version.tags(), sha256,
                    text(version.publishFrom()), text(version.publishUntil()), version.durationSeconds()));
        }
    }

    private static AnnouncementService.Command command(@Nullable String slug, String language, @Nullable String translationOf,
                                                       Text text, Shared shared, @Nullable AnnouncementService.View existing) {
        return new AnnouncementService.Command(slug, shared.institution(), text.title(), text.body() == null ? "" : text.body(),
                language, translationOf, shared.category(), existing == null ? List.of() : existing.tags(), shared.media(),
                shared.publishFrom(), shared.publishUntil(), shared.durationSeconds());
    }

    /** Runs one service call; its field errors are kept under the form's names for this language. */
    @Nullable
    private static AnnouncementService.View attempt(List<Problem.FieldError> errors, String language,
                                                    java.util.function.Supplier<AnnouncementService.View> call) {
        try {
            return call.get();
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            for (Problem.FieldError error : e.errors()) {
                String field = PER_LANGUAGE.contains(error.field()) ? error.field() + suffix(language) : error.field();
                Problem.FieldError named = new Problem.FieldError(field, error.message());
                if (!errors.contains(named)) {
                    errors.add(named);
                }
            }
            return null;
        }
    }

    static String suffix(String language) {
        return language.equals("da") ? "Da" : "En";
    }

    /** A readable slug from the headline: "Åbent hus på EUD" becomes "aabent-hus-paa-eud". */
    static String base(@Nullable String title) {
        String lower = (title == null ? "" : title).toLowerCase(Locale.ROOT)
                .replace("æ", "ae").replace("ø", "oe").replace("å", "aa");
        String ascii = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > 60) {
            slug = slug.substring(0, 60).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? "announcement" : slug;
    }

    /** The slug itself if no announcement has it, else with the first free number after it. */
    private String freeSlug(String base) {
        if (!announcements.existsBySlug(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!announcements.existsBySlug(candidate)) {
                return candidate;
            }
        }
    }

    @Nullable
    private static String text(@Nullable Object value) {
        return value == null ? null : value.toString();
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
