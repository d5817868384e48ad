package dk.albertslund.signage.announcement;

import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.MediaFormat;
import dk.albertslund.signage.readability.Finding;
import dk.albertslund.signage.readability.SlideText;
import dk.albertslund.signage.readability.Verdict;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.web.Messages;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import dk.albertslund.signage.core.CampusTime;

/**
 * What the announcement and approval pages show alike: an announcement version with its
 * preview text and readability verdict, its history, and times in the campus zone in the
 * page's language.
 */
@Singleton
class AnnouncementPageParts {

    private final Messages messages;
    private final InstitutionService institutions;
    private final AnnouncementService service;
    private final CampusTime times;
    private final JsonMapper json;
    private final WhereShown whereShown;
    private final Clock clock;

    /** Absent only where the submission feature is not built in. */
    private final Senders senders;

    AnnouncementPageParts(Messages messages, InstitutionService institutions, AnnouncementService service,
                          CampusTime times, JsonMapper json, WhereShown whereShown, Clock clock,
                          @io.micronaut.core.annotation.Nullable Senders senders) {
        this.senders = senders;
        this.whereShown = whereShown;
        this.clock = clock;
        this.messages = messages;
        this.institutions = institutions;
        this.service = service;
        this.times = times;
        this.json = json;
    }

    /**
     * A readability verdict in the page's language; {@code result} is ok, warning or problem.
     * An empty list of findings is sent too: the editor's script reads it to clear old ones.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record VerdictView(String result, String label, int words, String wordsLabel, List<FindingView> findings) {
    }

    @Serdeable
    public record FindingView(String severity, String text) {
    }

    /**
     * One language version as a page shows it, with what a screen would show of its words;
     * {@code slide} is the slide as the kiosk's renderer takes it (JSON), so approvers see
     * the colours, the picture and the line breaks a passer-by will.
     */
    public record Version(String slug, String language, String title, List<String> paragraphs, String status,
                          @Nullable String rejectionReason, @Nullable VerdictView verdict, String slide, Verdict checked) {
    }

    /** The verdict on the whole message from its languages' own, without checking them again. */
    VerdictView verdict(List<Version> versions, String lang) {
        return verdict(Verdict.worstOf(versions.stream().map(Version::checked).toList()), lang);
    }

    /** The fields of a kiosk slide that its renderer draws; the manifest's slide has the same shape. */
    @Serdeable
    record PreviewSlide(String id, String kind, String title, String html, String language, List<PreviewText> texts,
                        @Nullable PreviewInstitution institution, @Nullable PreviewMedia media) {
    }

    /** One language's words on the slide, as the manifest's slide lists them. */
    @Serdeable
    record PreviewText(String language, String title, String html) {
    }

    @Serdeable
    record PreviewInstitution(String name, String colour) {
    }

    @Serdeable
    record PreviewMedia(String sha256, String url, @Nullable Integer width, @Nullable Integer height) {
    }

    /** What the versions share, ready to show. */
    public record Facts(String institution, String category, @Nullable String publishFrom, @Nullable String publishUntil,
                        int durationSeconds, @Nullable String mediaUrl, boolean mediaIsImage, @Nullable String createdBy,
                        Where where, @Nullable String link) {
    }

    /**
     * Where the message will show in the coming week once approved: a line per screen with
     * the first time, or why it will show nowhere.
     */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Where(List<String> places, @Nullable String nowhere) {
    }

    /** How far ahead "where it will show" looks: the week a writer plans for. */
    static final Duration WHERE_AHEAD = Duration.ofDays(7);

    /** One line of an announcement's history: when, who, what, and which language version. */
    public record HistoryRow(String at, String actor, String action, String language) {
    }

    VerdictView verdict(Verdict verdict, String lang) {
        List<FindingView> findings = verdict.findings().stream()
                .map(f -> new FindingView(f.severity(), lang.equals("en") ? f.message().en() : f.message().da()))
                .toList();
        return new VerdictView(verdict.result(), messages.text(lang, "readability.result." + verdict.result()), verdict.words(),
                messages.text(lang, "announcements.readability.words", verdict.words()), findings);
    }

    /** Each language of {@code message}, main first, as the pages show it. */
    List<Version> versions(AnnouncementService.View message, String lang) {
        return message.inEachLanguage().stream().map(v -> version(v, message, lang)).toList();
    }

    /** One language of {@code message}, judged on its share of the slide's time. */
    Version version(AnnouncementService.View version, AnnouncementService.View message, String lang) {
        Verdict checked = service.readability(message, version.language());
        return new Version(version.slug(), version.language(), version.title(), SlideText.paragraphs(version.html()),
                version.status(), version.rejectionReason(), verdict(checked, lang), slide(version), checked);
    }

    private String slide(AnnouncementService.View view) {
        AnnouncementService.MediaView media = view.media();
        String kind = MediaFormat.slideKind(media == null ? null : media.contentType());
        PreviewInstitution institution = institutions.findBySlug(view.institution())
                .map(i -> new PreviewInstitution(i.name(), i.colour())).orElse(null);
        PreviewSlide slide = new PreviewSlide("stored-" + view.slug(), kind, view.title(), view.html(), view.language(),
                List.of(new PreviewText(view.language(), view.title(), view.html())), institution, media == null ? null : new PreviewMedia(media.sha256(), media.url(), media.width(), media.height()));
        try {
            return json.writeValueAsString(slide);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Facts facts(AnnouncementService.View view, String lang) {
        return facts(List.of(view), lang).get(0);
    }

    /** The facts of several messages, with one reading of the schedule for where they all show. */
    List<Facts> facts(List<AnnouncementService.View> views, String lang) {
        Map<Long, Announcement> messages = new HashMap<>();
        service.findBySlugs(views.stream().map(AnnouncementService.View::slug).toList()).forEach(a -> messages.put(a.id(), a));
        Map<Long, Where> wheres = where(messages.values(), lang);
        return views.stream().map(v -> facts(v, lang, wheres.get(v.id()))).toList();
    }

    private Facts facts(AnnouncementService.View view, String lang, Where where) {
        return new Facts(institutionName(view.institution()), messages.text(lang, "announcements.category." + view.category()),
                times.dateTime(view.publishFrom(), lang), times.dateTime(view.publishUntil(), lang), view.durationSeconds(),
                view.media() == null ? null : view.media().url(),
                view.media() != null && view.media().contentType().startsWith("image/"), view.createdBy(), where, view.link());
    }

    /**
     * Where a message being written would show: as the form has it now, not yet stored (an
     * id below zero, so no playlist lists it as an item; rules pick it).
     */
    Where whereDraft(@Nullable String institution, @Nullable String category, List<String> tags, @Nullable Instant from,
                     @Nullable Instant until, boolean english, String lang) {
        long institutionId = institution == null ? 0 : institutions.findBySlug(institution).map(Institution::id).orElse(0L);
        String chosen = category == null ? "" : category;
        List<LanguageVersion> translations = english ? List.of(new LanguageVersion("en", "", "", "")) : List.of();
        Announcement draft = new Announcement(-1L, "", institutionId, "", "", "", "da", translations, chosen, tags, null,
                from, until, 10, AnnouncementStatus.DRAFT, null, null, null, null, null);
        return where(List.of(draft), lang).get(draft.id());
    }

    /** Where each message will show, by id: a line per screen, or why nowhere. */
    private Map<Long, Where> where(Collection<Announcement> all, String lang) {
        Instant now = clock.instant();
        Map<Long, List<WhereShown.Place>> found = whereShown.during(all, now, now.plus(WHERE_AHEAD));
        Map<Long, Where> wheres = new HashMap<>();
        for (Announcement message : all) {
            List<String> places = found.getOrDefault(message.id(), List.of()).stream()
                    .map(p -> messages.text(lang, p.from().isAfter(now) ? "announcements.where.from" : "announcements.where.now",
                            p.screenName(), times.dateTime(p.from(), lang)))
                    .toList();
            if (!places.isEmpty()) {
                wheres.put(message.id(), new Where(places, null));
                continue;
            }
            boolean ended = message.publishUntil() != null && !message.publishUntil().isAfter(now);
            boolean archived = message.status() == AnnouncementStatus.ARCHIVED;
            wheres.put(message.id(), new Where(List.of(), messages.text(lang, archived ? "announcements.where.archived"
                    : ended ? "announcements.where.ended" : "announcements.where.noPlaylist")));
        }
        return wheres;
    }

    /**
     * The message's history, oldest first, with the languages it had after each step (from
     * the audit's copy; entries from before V15 joined the languages name one each).
     */
    List<HistoryRow> history(Staff viewer, AnnouncementService.View message, String lang) {
        // a message sent in through a link was written by its group, not by a staff member (Senders)
        String group = senders == null ? null : senders.groups(List.of(message.id())).get(message.id());
        return service.history(viewer, message.slug()).stream()
                .sorted(Comparator.comparing(AuditLog.Entry::at).thenComparing(AuditLog.Entry::id))
                .map(e -> new HistoryRow(times.dateTime(e.at(), lang),
                        group != null && e.actor().startsWith(Senders.ACTOR_PREFIX) ? messages.text(lang, "approvals.sentBy", group) : e.actor(),
                        messages.text(lang, "announcements.history." + e.action()), languagesIn(e, lang)))
                .toList();
    }

    private String languagesIn(AuditLog.Entry entry, String lang) {
        String copy = entry.after() != null ? entry.after() : entry.before();
        try {
            Map<?, ?> fields = copy == null ? Map.of() : json.readValue(copy, Map.class);
            List<String> languages = new ArrayList<>();
            if (fields.get("language") instanceof String main) {
                languages.add(main);
            }
            if (fields.get("translations") instanceof List<?> others) {
                others.stream().filter(Map.class::isInstance).map(t -> ((Map<?, ?>) t).get("language"))
                        .filter(String.class::isInstance).map(String.class::cast).forEach(languages::add);
            }
            return languages.stream().map(l -> messages.text(lang, "announcements.language." + l)).collect(Collectors.joining(" + "));
        } catch (IOException e) {
            return "";
        }
    }

    String institutionName(String slug) {
        return institutions.findBySlug(slug).map(Institution::name).orElse(slug);
    }

    Map<String, String> institutionNames() {
        return institutions.findAll().stream().collect(Collectors.toMap(Institution::slug, Institution::name, (a, b) -> a, HashMap::new));
    }

    /**
     * A datetime-local value read as campus time, as the service wants it (with its offset);
     * null when empty. An unreadable value adds an error for the field.
     */
    @Nullable
    String instant(@Nullable String local, String field, List<Problem.FieldError> errors) {
        if (local == null || local.isBlank()) {
            return null;
        }
        try {
            return LocalDateTime.parse(local.strip()).atZone(times.zone()).toOffsetDateTime().toString();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(field, "announcement.instant.formLocal"));
            return null;
        }
    }

    /**
     * The message shown beside a field: the page's own sentence for that field when it has
     * one, else what the service said, both in the page's language.
     */
    @Nullable
    String error(List<Problem.FieldError> errors, String field, String lang) {
        Message said = Problem.messageFor(errors, field);
        if (said == null) {
            return null;
        }
        String key = "announcements.error." + field.replaceAll("(Da|En)$", "");
        if (field.equals("link")) {
            // a link can be wrong in several ways, each needing its own advice: the reason is kept in the sentence
            return messages.text(lang, key, messages.text(lang, said));
        }
        return messages.has(lang, key) ? messages.text(lang, key) : messages.text(lang, said);
    }
}
