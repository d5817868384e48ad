package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The staff editor's side of announcements: the Danish and English words of one message
 * are written in one form and saved as one message (docs/MESSAGES.md). The language
 * written first is its main language; the other, when given, its translation. Every wrong
 * field of both is named at once, under the form's names (titleDa, bodyEn, ...).
 */
@Singleton
public class AnnouncementEditor {

    /** Fields of the main language version; the form names them with the language, e.g. titleDa. */
    private static final Set<String> PER_LANGUAGE = Set.of("title", "body", "language", "slug");
    /** A translation's field as the service names it: translations.en.title. */
    private static final Pattern TRANSLATION_FIELD = Pattern.compile("translations\\.(da|en)\\.(title|body|language)");

    private final AnnouncementService service;
    private final AnnouncementRepository announcements;
    private final Audiences audiences;

    AnnouncementEditor(AnnouncementService service, AnnouncementRepository announcements, Audiences audiences) {
        this.service = service;
        this.announcements = announcements;
        this.audiences = audiences;
    }

    /** Every tag that names a place a message is written for: all of campus and each group of screens. */
    Set<String> audienceTags() {
        Set<String> tags = new LinkedHashSet<>();
        tags.add(Audiences.CAMPUS);
        audiences.groups().forEach(a -> tags.add(a.tag()));
        return tags;
    }

    /**
     * What the languages share. Times are already ISO instants with their offset, or null;
     * {@code audience} the places chosen (tags, see {@link Audiences}).
     */
    public record Shared(@Nullable String institution, @Nullable String category, @Nullable String media,
                  @Nullable String publishFrom, @Nullable String publishUntil, @Nullable Integer durationSeconds,
                  List<String> audience, @Nullable String link) {
    }

    /** The words of one language version. */
    public record Text(@Nullable String title, @Nullable String body) {

        public boolean isEmpty() {
            return blank(title) && blank(body);
        }
    }

    /**
     * Creates (slug null) or changes the message, and with {@code submit} sends a draft for
     * approval. {@code formErrors} are problems the page found before (an unreadable date):
     * they are reported with the service's, and nothing is saved. Returns the slug.
     */
    @Transactional
    String save(Staff actor, @Nullable String slug, Shared shared, Map<String, Text> texts,
                List<Problem.FieldError> formErrors, boolean submit) {
        AnnouncementService.View existing = slug == null ? null : service.get(actor, slug);
        String main = mainLanguage(existing, texts);
        AnnouncementService.Command command = command(existing, shared, texts, main);
        AnnouncementService.View saved = saved(formErrors, main,
                () -> existing == null ? service.create(actor, command) : service.update(actor, existing.slug(), command));
        if (submit && AnnouncementStatus.DRAFT.value().equals(saved.status())) {
            service.submit(actor, saved.slug());
        }
        return saved.slug();
    }

    /**
     * A message sent in through a submission link by someone without an account: written in
     * the editor's two-language form, checked as the editor's words are, and put straight in
     * the approval queue under {@code sender}, the name the audit log gives it. Wrong fields
     * come back under the form's names, as for the editor. Returns the slug.
     */
    @Transactional
    public String receive(String sender, Shared shared, Map<String, Text> texts, List<Problem.FieldError> formErrors) {
        String main = mainLanguage(null, texts);
        AnnouncementService.Command command = command(null, shared, texts, main);
        return saved(formErrors, main, () -> service.receive(sender, command)).slug();
    }

    /** The id of the message with this slug, for features that keep their own rows about a message. */
    public long idOf(String slug) {
        return service.find(slug).orElseThrow().id();
    }

    private static String mainLanguage(@Nullable AnnouncementService.View existing, Map<String, Text> texts) {
        return existing != null ? existing.language()
                : texts.get("da").isEmpty() && !texts.get("en").isEmpty() ? "en" : "da";
    }

    private AnnouncementService.Command command(@Nullable AnnouncementService.View existing, Shared shared,
                                                Map<String, Text> texts, String main) {
        String other = main.equals("da") ? "en" : "da";
        List<AnnouncementService.Translation> translations = texts.get(other).isEmpty() ? List.of()
                : List.of(new AnnouncementService.Translation(other, texts.get(other).title(), texts.get(other).body()));
        Text words = texts.get(main);
        return new AnnouncementService.Command(
                existing == null ? Slugs.free(Slugs.fromName(words.title(), "announcement"), announcements::existsBySlug) : null, shared.institution(), words.title(),
                words.body() == null ? "" : words.body(), main, translations, shared.category(),
                tags(existing, shared.audience()), shared.media(), shared.publishFrom(), shared.publishUntil(),
                shared.durationSeconds(), shared.link());
    }

    /** Runs the write; its field errors and {@code formErrors} are reported together under the form's names. */
    private static AnnouncementService.View saved(List<Problem.FieldError> formErrors, String main,
                                                  java.util.function.Supplier<AnnouncementService.View> write) {
        List<Problem.FieldError> errors = new ArrayList<>(formErrors);
        AnnouncementService.View saved = null;
        try {
            saved = write.get();
        } catch (ProblemException e) {
            if (e.status() != 400) {
                throw e;
            }
            for (Problem.FieldError error : e.errors()) {
                Problem.FieldError named = new Problem.FieldError(formField(error.field(), main), error.message());
                if (!errors.contains(named)) {
                    errors.add(named);
                }
            }
        }
        if (!errors.isEmpty()) {
            // rolls back whatever was saved
            throw ProblemException.invalid(errors);
        }
        return saved;
    }

    /** Every place a message can be written for, with its name: all of campus first, then each group of screens. */
    public List<Audiences.Audience> places(String lang) {
        List<Audiences.Audience> places = new ArrayList<>();
        places.add(new Audiences.Audience(Audiences.CAMPUS, dk.albertslund.signage.core.MessageBundles.text(lang, "announcements.audience.campus")));
        places.addAll(audiences.groups());
        return places;
    }

    /** The message's own tags kept, its places replaced by those chosen (unknown ones dropped). */
    private List<String> tags(@Nullable AnnouncementService.View existing, List<String> audience) {
        Set<String> places = audienceTags();
        Set<String> tags = new LinkedHashSet<>();
        if (existing != null) {
            existing.tags().stream().filter(t -> !places.contains(t)).forEach(tags::add);
        }
        audience.stream().filter(places::contains).forEach(tags::add);
        return List.copyOf(tags);
    }

    /** Puts an uploaded or chosen picture on the message, everything else kept. */
    @Transactional
    void useMedia(Staff actor, String slug, String sha256) {
        service.update(actor, slug, service.get(actor, slug).command().withMedia(sha256));
    }

    /** The form's name for a field the service named: title → titleDa, translations.en.body → bodyEn. */
    static String formField(String field, String mainLanguage) {
        Matcher translation = TRANSLATION_FIELD.matcher(field);
        if (translation.matches()) {
            return translation.group(2) + suffix(translation.group(1));
        }
        return PER_LANGUAGE.contains(field) ? field + suffix(mainLanguage) : field;
    }

    static String suffix(String language) {
        return language.equals("da") ? "Da" : "En";
    }

    private static boolean blank(@Nullable String value) {
        return value == null || value.isBlank();
    }
}
