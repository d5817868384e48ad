package dk.albertslund.signage.announcement;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.announcement.AnnouncementStatus.Action;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.readability.ReadabilityService;
import dk.albertslund.signage.readability.Verdict;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Creator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.model.Pageable;
import io.micronaut.data.model.Sort;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import dk.albertslund.signage.core.MarkdownRenderer;

/**
 * Announcements: written by editors of their institution, approved by approvers, read by
 * every staff member once approved. Every change is audited with the view before and after.
 */
@Singleton
public class AnnouncementService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(
            Set.of("title", "createdAt", "updatedAt", "publishFrom"), "updatedAt,desc",
            Set.of("institution", "status", "category", "language", "q"));

    static final List<String> LANGUAGES = List.of("da", "en");
    public static final List<String> CATEGORIES = List.of("education", "culture", "youth", "practical", "emergency");
    private static final String ENTITY = "announcement";
    private static final int DEFAULT_DURATION_SECONDS = 10;
    private static final int MAX_TAGS = 20;
    private static final Pattern TAG = Pattern.compile("[\\p{Ll}\\p{Nd}][\\p{Ll}\\p{Nd}-]{0,39}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");
    /** Changes the server makes by itself, such as archiving at the end of a publish window. */
    private static final Staff SYSTEM = new Staff(0, Staff.SYSTEM, Set.of(), Set.of());

    private final AnnouncementRepository announcements;
    private final InstitutionService institutions;
    private final MediaService media;
    private final MarkdownRenderer markdown;
    private final ReadabilityService readability;
    private final AuditLog audit;
    private final boolean fourEyes;

    AnnouncementService(AnnouncementRepository announcements, InstitutionService institutions, MediaService media,
                        MarkdownRenderer markdown, ReadabilityService readability, AuditLog audit,
                        dk.albertslund.signage.config.SignageConfiguration configuration) {
        this.fourEyes = configuration.isFourEyes();
        this.announcements = announcements;
        this.readability = readability;
        this.institutions = institutions;
        this.media = media;
        this.markdown = markdown;
        this.audit = audit;
    }

    /**
     * The whole announcement as a caller writes it. An update replaces everything, so a
     * field left out is cleared (or takes its default), except slug and institution, which
     * then stay as they are.
     */
    @Serdeable
    @Strict
    public record Command(@Nullable String slug, @Nullable String institution, @Nullable String title,
                          @Nullable String body, @Nullable String language, @Nullable List<Translation> translations,
                          @Nullable String category, @Nullable List<String> tags, @Nullable String media,
                          @Nullable String publishFrom, @Nullable String publishUntil,
                          @Nullable Integer durationSeconds, @Nullable String link) {

        @Creator
        public Command {
        }

        /** A message without a link, as callers from before links write it. */
        public Command(@Nullable String slug, @Nullable String institution, @Nullable String title,
                       @Nullable String body, @Nullable String language, @Nullable List<Translation> translations,
                       @Nullable String category, @Nullable List<String> tags, @Nullable String media,
                       @Nullable String publishFrom, @Nullable String publishUntil, @Nullable Integer durationSeconds) {
            this(slug, institution, title, body, language, translations, category, tags, media, publishFrom, publishUntil,
                    durationSeconds, null);
        }

        public Command withMedia(@Nullable String sha256) {
            return new Command(slug, institution, title, body, language, translations, category, tags, sha256, publishFrom,
                    publishUntil, durationSeconds, link);
        }

        public Command withLink(@Nullable String address) {
            return new Command(slug, institution, title, body, language, translations, category, tags, media, publishFrom,
                    publishUntil, durationSeconds, address);
        }

        Command orKeep(String currentSlug, String currentInstitution) {
            return new Command(slug == null ? currentSlug : slug, institution == null ? currentInstitution : institution,
                    title, body, language, translations, category, tags, media, publishFrom, publishUntil, durationSeconds,
                    link);
        }
    }

    /** The message's words in a further language, as a caller writes them (body is Markdown). */
    @Serdeable
    public record Translation(@Nullable String language, @Nullable String title, @Nullable String body) {
    }

    /** A further language version as the API and the pages show it. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record TranslationView(String language, String title, String body, String html) {
    }

    /** Why an approver sends an announcement back. */
    @Serdeable
    @Strict
    public record Rejection(@Nullable String reason) {
    }

    @Serdeable
    public record MediaView(String sha256, String url, String contentType, @Nullable Integer width, @Nullable Integer height) {
        static MediaView of(Media m) {
            return new MediaView(m.sha256(), m.url(), m.contentType(), m.width(), m.height());
        }
    }

    /** The API and audit view of an announcement; empty values are written out, so every field is always there. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String slug, String institution, String title, String body, String html,
                       String language, List<TranslationView> translations, String category,
                       List<String> tags, @Nullable MediaView media, @Nullable Instant publishFrom,
                       @Nullable Instant publishUntil, int durationSeconds, String status,
                       @Nullable String rejectionReason, @Nullable String createdBy,
                       @Nullable Instant createdAt, @Nullable Instant updatedAt, @Nullable String link) {

        /** Every language version, the main one first, as a view of its own (same message, other words). */
        public List<View> inEachLanguage() {
            List<View> all = new ArrayList<>();
            all.add(this);
            for (TranslationView t : translations) {
                all.add(new View(id, slug, institution, t.title(), t.body(), t.html(), t.language(), List.of(), category, tags,
                        media, publishFrom, publishUntil, durationSeconds, status, rejectionReason, createdBy, createdAt, updatedAt,
                        link));
            }
            return all;
        }

        /** The command that writes this message as it is, for changing one thing and keeping the rest. */
        public Command command() {
            return new Command(slug, institution, title, body, language,
                    translations.stream().map(t -> new Translation(t.language(), t.title(), t.body())).toList(), category, tags,
                    media == null ? null : media.sha256(), publishFrom == null ? null : publishFrom.toString(),
                    publishUntil == null ? null : publishUntil.toString(), durationSeconds, link);
        }

        /** Its version in {@code language} as a view of its own, or null when it is not written in it. */
        @Nullable
        public View in(String language) {
            return inEachLanguage().stream().filter(v -> v.language().equals(language)).findFirst().orElse(null);
        }

        /** The languages it is written in, the main one first. */
        public List<String> languages() {
            return inEachLanguage().stream().map(View::language).toList();
        }
    }

    /** A command that passed validation, with its references resolved. */
    private record Content(String slug, Institution institution, String title, String body, String language,
                           List<Translation> translations, String category, List<String> tags, @Nullable Long mediaId,
                           @Nullable Instant publishFrom, @Nullable Instant publishUntil, int durationSeconds,
                           @Nullable String link) {
    }

    @Transactional
    public Page<View> list(Staff viewer, ListQuery query) {
        List<PredicateSpecification<Announcement>> where = new ArrayList<>();
        visibleTo(viewer).ifPresent(where::add);
        where.addAll(filters(query.filters()));
        // id last keeps pages stable when many rows share a sort value
        Pageable pageable = Pageable.from(query.page(), query.size(), query.sort().order(Sort.Order.asc("id")));
        Page<Announcement> page = announcements.findAll(where.stream().reduce(PredicateSpecification::and).orElse(null), pageable);
        Map<Long, View> views = views(page.getContent());
        return page.map(a -> views.get(a.id()));
    }

    /** An announcement as {@code viewer} may see it: unpublished ones only by who works on them. */
    @Transactional
    public View get(Staff viewer, String slug) {
        return view(requireVisible(viewer, slug));
    }

    /** The readability verdict on a stored message, all its languages, for whoever may see it (approvers see every submitted one). */
    @Transactional
    public Verdict readability(Staff viewer, String slug) {
        View message = get(viewer, slug);
        return Verdict.worstOf(message.inEachLanguage().stream().map(v -> readability(message, v.language())).toList());
    }

    /**
     * The verdict on one language of a message. The languages share the slide's time
     * (docs/MESSAGES.md), so each is judged on its share of it.
     */
    public Verdict readability(View message, String language) {
        View version = Objects.requireNonNull(message.in(language), language);
        int share = Math.max(1, message.durationSeconds() / message.languages().size());
        return readability.checkStored(version.title(), version.html(), share, version.institution(), language,
                version.media() != null, message.link());
    }

    /** For other features (playlists, the content pack): no permission check. */
    @Transactional
    public Optional<View> find(String slug) {
        return announcements.findBySlug(slug).map(this::view);
    }

    /** For other features (the feed import): no permission check. */
    @Transactional
    public Optional<View> find(long id) {
        return announcements.findById(id).map(this::view);
    }

    // What the features above ask about announcements (docs/ARCHITECTURE.md): here, never in the table.

    public Optional<Announcement> findEntity(String slug) {
        return announcements.findBySlug(slug);
    }

    public boolean existsBySlug(String slug) {
        return announcements.existsBySlug(slug);
    }

    public List<Announcement> findByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : announcements.findByIdIn(ids);
    }

    public List<Announcement> findBySlugs(Collection<String> slugs) {
        return slugs.isEmpty() ? List.of() : announcements.findBySlugIn(slugs);
    }

    /** Everything that may be on show at some instant; {@link OnShow} decides at which. */
    public List<Announcement> approved() {
        return announcements.findByStatus(AnnouncementStatus.APPROVED);
    }

    /** Approved announcements in any of these categories and of any of these institutions (no restriction when empty). */
    public List<Announcement> approved(Set<String> categories, Set<Long> institutionIds) {
        PredicateSpecification<Announcement> where = (root, cb) -> cb.equal(root.get("status"), AnnouncementStatus.APPROVED.value());
        if (!categories.isEmpty()) {
            where = where.and((root, cb) -> root.get("category").in(categories));
        }
        if (!institutionIds.isEmpty()) {
            where = where.and((root, cb) -> root.get("institutionId").in(institutionIds));
        }
        return announcements.findAll(where);
    }

    /** What is on show at {@code at}, oldest window first: the outward feeds' content. */
    public List<Announcement> onShow(Instant at) {
        return approved().stream().filter(a -> OnShow.at(a, at))
                .sorted(Comparator.comparing(Announcement::publishFrom, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Announcement::id))
                .toList();
    }

    /** Approved announcements whose publish window ends in [from, to), soonest first. */
    public List<Announcement> approvedEndingBetween(Instant from, Instant to) {
        return announcements.findByStatusAndPublishUntilGreaterThanEqualsAndPublishUntilLessThan(AnnouncementStatus.APPROVED, from, to)
                .stream().sorted(Comparator.comparing(Announcement::publishUntil).thenComparing(Announcement::title)
                        .thenComparing(Announcement::id)).toList();
    }

    public long countWaitingForApproval() {
        return announcements.countByStatus(AnnouncementStatus.SUBMITTED);
    }

    @Transactional
    public List<AuditLog.Entry> history(Staff viewer, String slug) {
        return audit.history(ENTITY, requireVisible(viewer, slug).id());
    }

    @Transactional
    public View create(Staff actor, Command command) {
        if (command.institution() != null) {
            institutions.findBySlug(command.institution()).ifPresent(i -> requireEditor(actor, i, "announcement.forbidden.write"));
        }
        Content content = validate(command, null);
        requireFreeSlug(content.slug());
        Announcement saved = stored(announcements.save(entity(content, null, AnnouncementStatus.DRAFT, null, actor.username(), null, null)));
        View view = view(saved);
        audit.record(actor.username(), ENTITY, saved.id(), "create", null, view);
        return view;
    }

    /**
     * A message from someone without an account (a submission link, README "Submission
     * links"): checked as {@link #create} checks, then stored straight as submitted, so it
     * waits in the approval queue. {@code sender} is who the audit log and "written by" name;
     * it is no staff member, so with four eyes on any approver may approve it.
     */
    @Transactional
    public View receive(String sender, Command command) {
        Content content = validate(command, null);
        requireFreeSlug(content.slug());
        Announcement saved = stored(announcements.save(entity(content, null, AnnouncementStatus.SUBMITTED, null, sender, null, null)));
        View view = view(saved);
        audit.record(sender, ENTITY, saved.id(), "create", null, view);
        return view;
    }

    /** Replaces the content; anything but a draft goes back to draft (see {@link AnnouncementStatus}). */
    @Transactional
    public View update(Staff actor, String slug, Command command) {
        Announcement existing = require(slug);
        Institution current = institution(existing.institutionId());
        requireEditor(actor, current, "announcement.forbidden.change");
        Command full = command.orKeep(existing.slug(), current.slug());
        if (!full.institution().equals(current.slug())) {
            institutions.findBySlug(full.institution()).ifPresent(i -> requireEditor(actor, i, "announcement.forbidden.move"));
        }
        AnnouncementStatus next = transition(existing, Action.EDIT);
        Content content = validate(full, existing);
        Announcement unchanged = entity(content, existing.id(), status(existing), existing.rejectionReason(),
                existing.createdBy(), existing.createdAt(), existing.updatedAt());
        if (unchanged.equals(existing)) {
            // nothing new to approve, so an approved announcement stays approved
            return view(existing);
        }
        if (!content.slug().equals(existing.slug())) {
            requireFreeSlug(content.slug());
        }
        // a rejection reason stays until approval, so the editor can see what to fix
        return save(actor, existing, "update", entity(content, existing.id(), next, existing.rejectionReason(),
                existing.createdBy(), existing.createdAt(), existing.updatedAt()));
    }

    @Transactional
    public void delete(Staff actor, String slug) {
        Announcement existing = require(slug);
        requireEditor(actor, institution(existing.institutionId()), "announcement.forbidden.change");
        transition(existing, Action.DELETE);
        View before = view(existing);
        announcements.delete(existing);
        audit.record(actor.username(), ENTITY, existing.id(), "delete", before, null);
    }

    @Transactional
    public View submit(Staff actor, String slug) {
        Announcement existing = require(slug);
        requireEditor(actor, institution(existing.institutionId()), "announcement.forbidden.change");
        return save(actor, existing, "submit", withStatus(existing, transition(existing, Action.SUBMIT), existing.rejectionReason()));
    }

    @Transactional
    public View approve(Staff actor, String slug) {
        Announcement existing = require(slug);
        requireApprover(actor, "announcement.forbidden.approve");
        if (wroteOrLastChanged(actor, existing.id(), existing.createdBy())) {
            throw ProblemException.forbidden("announcement.forbidden.approveOwn");
        }
        return save(actor, existing, "approve", withStatus(existing, transition(existing, Action.APPROVE), null));
    }

    /**
     * An emergency message, approved by the approver who has just written it. Emergencies
     * must never wait for a second person: the emergency page is for approvers only, the
     * message goes to every screen at once because something is happening now, and every
     * step stays in the audit log under the approver's name. So four eyes does not apply
     * here, and only here: it takes nothing but messages of the emergency category.
     */
    @Transactional
    public View approveEmergency(Staff actor, String slug) {
        Announcement existing = require(slug);
        requireApprover(actor, "announcement.forbidden.approve");
        if (!existing.category().equals("emergency")) {
            throw new IllegalStateException("not an emergency message: " + slug);
        }
        return save(actor, existing, "approve", withStatus(existing, transition(existing, Action.APPROVE), null));
    }

    /**
     * Whether {@code actor} may approve this message now as far as people go (its status is
     * the workflow's business): an approver, and with four eyes on not its writer or last
     * editor. The one rule behind both {@link #approve} and the approve buttons of the pages.
     */
    public boolean mayApprove(Staff actor, View message) {
        return actor.canApprove() && !wroteOrLastChanged(actor, message.id(), message.createdBy());
    }

    /**
     * Four eyes (signage.four-eyes, on unless switched off): someone who is both editor and
     * approver approved their own words, so nobody else ever read them before the screens did.
     * The creator and whoever last changed the words may not approve; with it on, not even an
     * administrator, since that is the role most often held together with editing. Switched
     * off (a one-person institution), any approver may approve, as before.
     */
    private boolean wroteOrLastChanged(Staff actor, long id, @Nullable String createdBy) {
        if (!fourEyes) {
            return false;
        }
        String lastEditor = audit.history(ENTITY, id).stream()
                .filter(e -> e.action().equals("create") || e.action().equals("update"))
                .reduce((first, second) -> second.at().isBefore(first.at()) ? first : second)
                .map(AuditLog.Entry::actor).orElse(null);
        return actor.username().equals(createdBy) || actor.username().equals(lastEditor);
    }

    @Transactional
    public View reject(Staff actor, String slug, @Nullable Rejection rejection) {
        Announcement existing = require(slug);
        requireApprover(actor, "announcement.forbidden.reject");
        String reason = rejection == null || rejection.reason() == null ? "" : rejection.reason().strip();
        if (reason.isEmpty() || reason.length() > 1000) {
            throw ProblemException.badRequest("reason", "announcement.reason.required");
        }
        return save(actor, existing, "reject", withStatus(existing, transition(existing, Action.REJECT), reason));
    }

    @Transactional
    public View archive(Staff actor, String slug) {
        Announcement existing = require(slug);
        requireEditor(actor, institution(existing.institutionId()), "announcement.forbidden.change");
        return save(actor, existing, "archive", withStatus(existing, transition(existing, Action.ARCHIVE), existing.rejectionReason()));
    }

    /**
     * Archives every approved announcement whose publish window has ended (its
     * {@code publishUntil} is at or before {@code now}), each audited as the system's
     * "archive" with the view before and after. Returns how many; a repeat changes nothing.
     * Other statuses are left alone: a draft or a rejected announcement is still its
     * editor's to change, and a window in the past may be what they are about to fix.
     */
    @Transactional
    public int archiveExpired(Instant now) {
        List<Announcement> ended = announcements.findByStatusAndPublishUntilLessThanEqualsForUpdate(
                AnnouncementStatus.APPROVED, now);
        for (Announcement announcement : ended) {
            save(SYSTEM, announcement, "archive", withStatus(announcement, transition(announcement, Action.ARCHIVE),
                    announcement.rejectionReason()));
        }
        return ended.size();
    }

    /**
     * For a trusted importer such as the content pack: creates or replaces the announcement
     * named by {@code command.slug()} with the given status, bypassing the workflow. Saving
     * the same content and status again writes and audits nothing, so an import can run any
     * number of times. Returns whether anything changed.
     */
    @Transactional
    public boolean importAnnouncement(Staff importer, Command command, String status) {
        if (!importer.isAdmin()) {
            throw ProblemException.forbidden("announcement.forbidden.import");
        }
        AnnouncementStatus target = AnnouncementStatus.parse(status).orElseThrow(() ->
                ProblemException.badRequest("status", "announcement.status.oneOf"));
        Announcement existing = command.slug() == null ? null : announcements.findBySlug(command.slug()).orElse(null);
        Content content = validate(command, existing);
        if (existing == null) {
            Announcement saved = stored(announcements.save(entity(content, null, target, importedReason(target, null),
                    importer.username(), null, null)));
            audit.record(importer.username(), ENTITY, saved.id(), "create", null, view(saved));
            return true;
        }
        Announcement imported = entity(content, existing.id(), target, importedReason(target, existing),
                existing.createdBy(), existing.createdAt(), existing.updatedAt());
        if (imported.equals(existing)) {
            return false;
        }
        save(importer, existing, "update", imported);
        return true;
    }

    private static String importedReason(AnnouncementStatus status, @Nullable Announcement existing) {
        if (status != AnnouncementStatus.REJECTED) {
            return null;
        }
        return existing != null && existing.rejectionReason() != null ? existing.rejectionReason() : "Rejected in the content pack.";
    }

    private View save(Staff actor, Announcement before, String action, Announcement after) {
        View beforeView = view(before);
        View afterView = view(stored(announcements.update(after)));
        audit.record(actor.username(), ENTITY, before.id(), action, beforeView, afterView);
        return afterView;
    }

    /**
     * The row as the database keeps it: timestamps are stored to the microsecond, so the view
     * returned by a write is the same as the one a later read returns.
     */
    private Announcement stored(Announcement written) {
        return announcements.findById(written.id()).orElseThrow();
    }

    private Announcement require(String slug) {
        return announcements.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("announcement.notFound", slug));
    }

    private Announcement requireVisible(Staff viewer, String slug) {
        Announcement announcement = require(slug);
        if (!status(announcement).isVisibleToAllStaff() && !viewer.canSeeUnpublished(announcement.institutionId())) {
            throw ProblemException.forbidden("announcement.forbidden.seeUnpublished", institution(announcement.institutionId()).name());
        }
        return announcement;
    }

    private Institution institution(long id) {
        return institutions.findById(id).orElseThrow(() -> ProblemException.notFound("institution.notFoundById", id));
    }

    /** {@code refusal} is the message key of the 403, naming the institution. */
    private static void requireEditor(Staff actor, Institution institution, String refusal) {
        if (!actor.canEdit(institution.id())) {
            throw ProblemException.forbidden(refusal, institution.name());
        }
    }

    private static void requireApprover(Staff actor, String refusal) {
        if (!actor.canApprove()) {
            throw ProblemException.forbidden(refusal);
        }
    }

    private void requireFreeSlug(String slug) {
        if (announcements.existsBySlug(slug)) {
            throw ProblemException.conflict("announcement.slug.taken", slug);
        }
    }

    private static AnnouncementStatus status(Announcement announcement) {
        return announcement.status();
    }

    private static AnnouncementStatus transition(Announcement announcement, Action action) {
        try {
            return status(announcement).apply(action);
        } catch (AnnouncementStatus.IllegalTransition e) {
            throw ProblemException.conflict(e.message());
        }
    }

    private Announcement entity(Content c, @Nullable Long id, AnnouncementStatus status, @Nullable String rejectionReason,
                                @Nullable String createdBy, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
        List<LanguageVersion> translations = c.translations().stream()
                .map(t -> new LanguageVersion(t.language(), t.title(), t.body(), markdown.render(t.body()))).toList();
        return new Announcement(id, c.slug(), c.institution().id(), c.title(), c.body(), markdown.render(c.body()),
                c.language(), translations, c.category(), c.tags(), c.mediaId(), c.publishFrom(), c.publishUntil(),
                c.durationSeconds(), status, rejectionReason, createdBy, createdAt, updatedAt, c.link());
    }

    private static Announcement withStatus(Announcement a, AnnouncementStatus status, @Nullable String rejectionReason) {
        return new Announcement(a.id(), a.slug(), a.institutionId(), a.title(), a.bodyMarkdown(), a.bodyHtml(), a.language(),
                a.translations(), a.category(), a.tags(), a.mediaId(), a.publishFrom(), a.publishUntil(),
                a.durationSeconds(), status, rejectionReason, a.createdBy(), a.createdAt(), a.updatedAt(), a.link());
    }

    /** Checks every field, naming all that are wrong at once; {@code existing} is null when creating. */
    private Content validate(Command c, @Nullable Announcement existing) {
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "slug", c.slug(), true);
        Institution institution = null;
        if (c.institution() == null) {
            errors.add("institution", "field.required");
        } else {
            institution = institutions.findBySlug(c.institution()).orElse(null);
            if (institution == null) {
                errors.add("institution", "institution.unknown");
            }
        }
        String title = c.title() == null ? "" : c.title().strip();
        if (title.isEmpty() || title.length() > 120) {
            errors.add("title", "field.lengthBetween", 1, 120);
        }
        refuseHidden(errors, "title", title);
        String body = c.body() == null ? "" : stripHidden(c.body()).strip();
        if (body.length() > 5000) {
            errors.add("body", "field.tooLong", 5000);
        }
        if (c.language() == null || !LANGUAGES.contains(c.language())) {
            errors.add("language", "field.daOrEn");
        }
        List<Translation> translations = translations(errors, c);
        if (c.category() == null || !CATEGORIES.contains(c.category())) {
            errors.add("category", "field.oneOf", String.join(", ", CATEGORIES));
        }
        List<String> tags = List.copyOf(new LinkedHashSet<>(c.tags() == null ? List.of() : c.tags()));
        if (tags.size() > MAX_TAGS || !tags.stream().allMatch(t -> t != null && TAG.matcher(t).matches())) {
            errors.add("tags", "announcement.tags.form", MAX_TAGS);
        }
        Long mediaId = null;
        if (c.media() != null) {
            Optional<Media> file = SHA256.matcher(c.media()).matches() ? media.findBySha256(c.media()) : Optional.empty();
            if (file.isEmpty()) {
                errors.add("media", "media.unknown");
            } else {
                mediaId = file.get().id();
            }
        }
        Instant publishFrom = instant(errors, "publishFrom", c.publishFrom());
        Instant publishUntil = instant(errors, "publishUntil", c.publishUntil());
        if (publishFrom != null && publishUntil != null && !publishUntil.isAfter(publishFrom)) {
            errors.add("publishUntil", "announcement.publishUntil.beforeFrom");
        }
        int duration = c.durationSeconds() == null ? DEFAULT_DURATION_SECONDS : c.durationSeconds();
        if (duration < 3 || duration > 300) {
            errors.add("durationSeconds", "field.between", 3, 300);
        }
        String link = LinkAddress.check(errors, "link", c.link());
        errors.throwIfAny();
        return new Content(c.slug(), institution, title, body, c.language(), translations, c.category(), tags, mediaId,
                publishFrom, publishUntil, duration, link);
    }

    /**
     * The further language versions: each in a language the campus plays other than the main
     * one, each language once, each with a headline. Errors name the version by its
     * language, e.g. "translations.en.title", so the editor can put them by the right field.
     */
    private static List<Translation> translations(FieldErrors errors, Command c) {
        List<Translation> given = c.translations() == null ? List.of() : c.translations();
        List<Translation> checked = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        if (c.language() != null) {
            seen.add(c.language());
        }
        for (int i = 0; i < given.size(); i++) {
            Translation t = given.get(i);
            if (t == null || t.language() == null || !LANGUAGES.contains(t.language())) {
                errors.add("translations[" + i + "].language", "field.daOrEn");
                continue;
            }
            String field = "translations." + t.language();
            if (!seen.add(t.language())) {
                errors.add(field + ".language", "announcement.translations.sameLanguage");
                continue;
            }
            String title = t.title() == null ? "" : t.title().strip();
            if (title.isEmpty() || title.length() > 120) {
                errors.add(field + ".title", "field.lengthBetween", 1, 120);
            }
            refuseHidden(errors, field + ".title", title);
            String body = t.body() == null ? "" : stripHidden(t.body()).strip();
            if (body.length() > 5000) {
                errors.add(field + ".body", "field.tooLong", 5000);
            }
            checked.add(new Translation(t.language(), title, body));
        }
        return List.copyOf(checked);
    }

    /**
     * Control characters and the bidi embeddings, overrides and isolates (U+202A–U+202E,
     * U+2066–U+2069). A title carrying U+202E shows its words reversed on screens, in the
     * approval queue and in reports, so an approver can be shown something other than what
     * the kiosks will show; a title is one line, so no control character belongs in it.
     */
    static boolean hidden(int c) {
        return Character.getType(c) == Character.CONTROL || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /** A title with such a character is refused, naming it, rather than silently changed: the author should see why. */
    private static void refuseHidden(FieldErrors errors, String field, String text) {
        text.codePoints().filter(AnnouncementService::hidden).findFirst().ifPresent(c ->
                errors.add(field, "field.hiddenCharacters", String.format("U+%04X", c)));
    }

    /** Bodies are Markdown, so line breaks and tabs stay; the other hidden characters are dropped. */
    static String stripHidden(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(c -> c == '\n' || c == '\r' || c == '\t' || !hidden(c)).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    private static Instant instant(FieldErrors errors, String field, @Nullable String value) {
        if (value == null) {
            return null;
        }
        try {
            // the database keeps microseconds; finer input would never compare equal on re-import
            return OffsetDateTime.parse(value.strip()).toInstant().truncatedTo(ChronoUnit.MICROS);
        } catch (DateTimeParseException e) {
            errors.add(field, "announcement.instant.form");
            return null;
        }
    }

    /** Unpublished announcements only of the institutions the viewer works on; none when that is all. */
    private Optional<PredicateSpecification<Announcement>> visibleTo(Staff viewer) {
        List<Institution> all = institutions.findAll();
        List<Long> unpublishedVisible = all.stream().map(Institution::id).filter(viewer::canSeeUnpublished).toList();
        if (unpublishedVisible.size() == all.size()) {
            return Optional.empty();
        }
        // Criteria bind their values as given, not through the column's converter: compare stored words.
        List<String> published = Arrays.stream(AnnouncementStatus.values())
                .filter(AnnouncementStatus::isVisibleToAllStaff).map(AnnouncementStatus::value).toList();
        return Optional.of((root, cb) -> unpublishedVisible.isEmpty()
                ? root.get("status").in(published)
                : cb.or(root.get("status").in(published), root.get("institutionId").in(unpublishedVisible)));
    }

    private List<PredicateSpecification<Announcement>> filters(Map<String, String> filters) {
        FieldErrors errors = new FieldErrors();
        List<PredicateSpecification<Announcement>> where = new ArrayList<>();
        String institution = filters.get("institution");
        if (institution != null) {
            institutions.findBySlug(institution).ifPresentOrElse(
                    i -> where.add((root, cb) -> cb.equal(root.get("institutionId"), i.id())),
                    () -> errors.add("institution", "institution.unknown"));
        }
        String status = filters.get("status");
        if (status != null) {
            AnnouncementStatus.parse(status).ifPresentOrElse(
                    s -> where.add((root, cb) -> cb.equal(root.get("status"), s.value())),
                    () -> errors.add("status", "announcement.status.oneOf"));
        }
        equalFilter(errors, where, filters, "category", CATEGORIES);
        equalFilter(errors, where, filters, "language", LANGUAGES);
        String q = filters.get("q");
        if (q != null) {
            String pattern = "%" + q.toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
            where.add((root, cb) -> cb.like(cb.lower(root.get("title")), pattern));
        }
        errors.throwIfAny();
        return where;
    }

    private static void equalFilter(FieldErrors errors, List<PredicateSpecification<Announcement>> where,
                                    Map<String, String> filters, String name, List<String> allowed) {
        String value = filters.get(name);
        if (value == null) {
            return;
        }
        if (!allowed.contains(value)) {
            errors.add(name, "field.oneOf", String.join(", ", allowed));
        }
        where.add((root, cb) -> cb.equal(root.get(name), value));
    }

    private View view(Announcement announcement) {
        return views(List.of(announcement)).get(announcement.id());
    }

    /** Views of several announcements with one query per kind of reference, not one per row. */
    private Map<Long, View> views(List<Announcement> list) {
        if (list.isEmpty()) {
            return Map.of();
        }
        Map<Long, String> institutionSlugs = byId(list, Announcement::institutionId,
                institutions::findByIds, Institution::id, Institution::slug);
        Map<Long, MediaView> mediaViews = byId(list, Announcement::mediaId,
                media::findByIds, Media::id, MediaView::of);
        Map<Long, View> views = new HashMap<>();
        for (Announcement a : list) {
            views.put(a.id(), new View(a.id(), a.slug(), institutionSlugs.get(a.institutionId()), a.title(), a.bodyMarkdown(),
                    a.bodyHtml(), a.language(),
                    a.translations().stream().map(t -> new TranslationView(t.language(), t.title(), t.bodyMarkdown(), t.bodyHtml()))
                            .toList(), a.category(), List.copyOf(a.tags()),
                    mediaViews.get(a.mediaId()), a.publishFrom(), a.publishUntil(), a.durationSeconds(), a.status().value(),
                    a.rejectionReason(), a.createdBy(), a.createdAt(), a.updatedAt(), a.link()));
        }
        return views;
    }

    private static <T, V> Map<Long, V> byId(List<Announcement> list, Function<Announcement, Long> reference,
                                            Function<Collection<Long>, List<T>> load, Function<T, Long> id, Function<T, V> value) {
        // a HashMap, because the views look up null references (no media)
        Map<Long, V> found = new HashMap<>();
        Set<Long> ids = list.stream().map(reference).filter(Objects::nonNull).collect(Collectors.toSet());
        if (!ids.isEmpty()) {
            load.apply(ids).forEach(t -> found.put(id.apply(t), value.apply(t)));
        }
        return found;
    }
}
