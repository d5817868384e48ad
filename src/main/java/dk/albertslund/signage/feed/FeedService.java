package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Strict;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.core.StoredValue;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Feed sources: set up by an institution's editors (or admins), imported by the clustered
 * job or on demand. Service methods take the acting {@link Staff} and {@link Command}
 * records, so the API and the staff pages call the same rules. A new feed without a slug
 * gets a free one made from its name.
 */
@Singleton
public class FeedService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("slug", "name", "createdAt"), "name",
            Set.of("institution", "status"));
    static final List<String> KINDS = StoredValue.values(FeedKind.class);
    static final List<String> CATEGORIES = AnnouncementService.CATEGORIES;
    static final List<String> LANGUAGES = List.of("da", "en");
    static final List<String> SHOW_UNTIL = List.of("start", "end");
    private static final String ENTITY = "feed";
    private static final int MAX_TEMPLATE = 5000;

    private final FeedSourceRepository feeds;
    private final FeedItemRepository items;
    private final FeedImages images;
    private final InstitutionService institutions;
    private final AnnouncementService announcements;
    private final FeedImporter importer;
    private final FeedJobs jobs;
    private final FeedSettings settings;
    private final AuditLog audit;
    private final Clock clock;

    FeedService(FeedSourceRepository feeds, FeedItemRepository items, FeedImages images, InstitutionService institutions,
                AnnouncementService announcements, FeedImporter importer, FeedJobs jobs, FeedSettings settings, AuditLog audit,
                Clock clock) {
        this.feeds = feeds;
        this.items = items;
        this.images = images;
        this.institutions = institutions;
        this.announcements = announcements;
        this.importer = importer;
        this.jobs = jobs;
        this.settings = settings;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * What a caller may set on a feed. On update a field left out keeps its value. The
     * calendar file of an {@code ics-file} feed is uploaded on its own (see {@link #upload}).
     */
    @Serdeable
    @Strict
    public record Command(@Nullable String slug, @Nullable String name, @Nullable String kind, @Nullable String url,
                          @Nullable String institution, @Nullable String category, @Nullable String language,
                          @Nullable String template, @Nullable Integer leadTimeDays, @Nullable String showUntil,
                          @Nullable Boolean autoApprove, @Nullable Integer refreshMinutes, @Nullable Integer durationSeconds) {
    }

    /** How the last import went, and how far a running one has come. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record ImportState(String state, @Nullable Instant startedAt, @Nullable Instant importedAt, int processed, int total,
                              @Nullable Message error, @Nullable Integer errorLine, @Nullable Instant failedAt) {
        static ImportState of(FeedSource f) {
            return new ImportState(f.importStatus(), f.importStartedAt(), f.importedAt(), f.itemsProcessed(), f.itemsTotal(),
                    f.failure(), f.errorLine(), f.failedAt());
        }
    }

    /** The API and audit view of a feed; the uploaded file itself is not shown, only its size. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String slug, String name, String kind, @Nullable String url, @Nullable Integer fileBytes,
                       String institution, String category, String language, String template, int leadTimeDays,
                       String showUntil, boolean autoApprove, int refreshMinutes, int durationSeconds,
                       ImportState lastImport, @Nullable Instant createdAt, @Nullable Instant updatedAt) {
    }

    /** What one import did. */
    @Serdeable
    public record ImportResult(String state, int created, int updated, int archived, int unchanged, @Nullable String error,
                               @Nullable Integer errorLine) {
    }

    /** A feed in the staff pages' list: with its institution's name and when the cluster imports it next. */
    public record Listed(View feed, String institutionName, @Nullable Instant nextRun) {
    }

    /** An announcement an import made, for the feed's page. */
    public record Made(String slug, String title, String status, Instant startsAt) {
    }

    /** An event's image that was not used, and why. */
    public record ImageProblem(String eventTitle, String url, Message reason) {
    }

    /** A feed as its staff page shows it: may the viewer change it, when it runs next, what it made, which images failed. */
    public record Detail(View feed, String institutionName, boolean editable, @Nullable Instant nextRun, List<Made> announcements,
                         List<ImageProblem> imageProblems) {
    }

    /** An institution the person may set up feeds for. */
    public record InstitutionChoice(String slug, String name) {
    }

    /** What the feed form offers this person: their institutions, whether they may publish without approval, the template fields. */
    public record Choices(List<InstitutionChoice> institutions, boolean mayAutoApprove, List<String> kinds, List<String> categories,
                          List<String> languages, String templateFields) {
    }

    @Transactional
    public Page<Listed> listed(Staff viewer, ListQuery query) {
        Map<Long, String> names = institutionNames();
        return feeds.findAll(visibleTo(viewer), query.pageable())
                .map(f -> new Listed(view(f), names.getOrDefault(f.institutionId(), ""), jobs.nextRun(f.id())));
    }

    @Transactional
    public Detail detail(Staff viewer, String slug) {
        FeedSource feed = requireVisible(viewer, slug);
        List<FeedItem> made = items.findByFeedId(feed.id());
        Map<Long, Instant> starts = made.stream().collect(Collectors.toMap(FeedItem::announcementId, FeedItem::startsAt, (a, b) -> a));
        List<Made> list = announcements.findByIds(starts.keySet()).stream()
                .map(a -> new Made(a.slug(), a.title(), a.status().value(), starts.get(a.id())))
                .sorted(Comparator.comparing(Made::startsAt).thenComparing(Made::title))
                .toList();
        List<ImageProblem> problems = images.problems(feed.id()).stream()
                .map(i -> new ImageProblem(i.eventTitle(), i.url(), i.failure())).toList();
        return new Detail(view(feed), institution(feed.institutionId()).name(), viewer.canEdit(feed.institutionId()),
                jobs.nextRun(feed.id()), list, problems);
    }

    @Transactional
    public Choices choices(Staff actor) {
        List<InstitutionChoice> mine = institutions.findAll().stream()
                .filter(i -> actor.canEdit(i.id()))
                .sorted(Comparator.comparing(Institution::name))
                .map(i -> new InstitutionChoice(i.slug(), i.name()))
                .toList();
        return new Choices(mine, actor.canApprove(), KINDS, CATEGORIES, LANGUAGES, ItemTemplate.FIELDS);
    }

    /** Creates the feed and stores its calendar file, if one came with it, in one transaction: a bad file creates nothing. */
    @Transactional
    public View create(Staff actor, Command command, @Nullable String fileName, @Nullable InputStream file) {
        View created = create(actor, command);
        return file == null ? created : upload(actor, created.slug(), fileName, file);
    }

    /** Changes the feed and stores a new calendar file, if one came with it, in one transaction. */
    @Transactional
    public View update(Staff actor, String slug, Command command, @Nullable String fileName, @Nullable InputStream file) {
        View updated = update(actor, slug, command);
        return file == null ? updated : upload(actor, updated.slug(), fileName, file);
    }

    @Transactional
    public Page<View> list(Staff viewer, ListQuery query) {
        PredicateSpecification<FeedSource> where = visibleTo(viewer);
        String institution = query.filters().get("institution");
        if (institution != null) {
            Institution i = institutions.findBySlug(institution)
                    .orElseThrow(() -> ProblemException.badRequest("institution", "institution.unknown"));
            where = and(where, (root, cb) -> cb.equal(root.get("institutionId"), i.id()));
        }
        String status = query.filters().get("status");
        if (status != null) {
            if (!List.of("never", "running", "ok", "unchanged", "failed").contains(status)) {
                throw ProblemException.badRequest("status", "feed.status.oneOf");
            }
            where = and(where, (root, cb) -> cb.equal(root.get("importStatus"), status));
        }
        return feeds.findAll(where, query.pageable()).map(this::view);
    }

    @Transactional
    public View get(Staff viewer, String slug) {
        return view(requireVisible(viewer, slug));
    }

    @Transactional
    public View create(Staff actor, Command command) {
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "slug", command.slug(), false);
        if (command.name() == null || command.name().isBlank() || command.name().strip().length() > 120) {
            errors.add("name", "field.lengthBetween", 1, 120);
        }
        Institution institution = institution(errors, command.institution(), true);
        FeedKind kind = StoredValue.parse(FeedKind.class, command.kind()).orElse(null);
        if (kind == null) {
            errors.add("kind", "field.oneOf", String.join(", ", KINDS));
        }
        String name = command.name() == null ? "" : command.name().strip();
        String slug = command.slug() != null || name.isEmpty() ? command.slug()
                : Slugs.free(Slugs.fromName(name, "feed"), feeds::existsBySlug);
        FeedSource draft = new FeedSource(null, slug, name,
                kind == null ? FeedKind.ICS_URL : kind, command.url(), null, institution == null ? 0 : institution.id(),
                orDefault(command.category(), "culture"), orDefault(command.language(), "da"),
                orDefault(command.template(), ItemTemplate.DEFAULT), orDefault(command.leadTimeDays(), 7),
                orDefault(command.showUntil(), "start"), orDefault(command.autoApprove(), false),
                orDefault(command.refreshMinutes(), 60), orDefault(command.durationSeconds(), 10),
                null, null, "never", null, null, 0, 0, null, null, List.of(), null, null, null, null);
        validate(errors, draft, command);
        errors.throwIfAny();
        requireEditor(actor, institution);
        requireApproverFor(actor, draft, null);
        if (feeds.existsBySlug(draft.slug())) {
            throw ProblemException.conflict("feed.slug.taken", draft.slug());
        }
        FeedSource saved = feeds.save(draft);
        View view = view(saved);
        audit.record(actor.username(), ENTITY, saved.id(), "create", null, view);
        jobs.schedule(saved);
        return view;
    }

    @Transactional
    public View update(Staff actor, String slug, Command command) {
        FeedSource existing = require(slug);
        requireEditor(actor, institution(existing.institutionId()));
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "slug", command.slug(), false);
        if (command.name() != null && (command.name().isBlank() || command.name().strip().length() > 120)) {
            errors.add("name", "field.lengthBetween", 1, 120);
        }
        Institution institution = command.institution() == null ? institution(existing.institutionId())
                : institution(errors, command.institution(), true);
        if (command.kind() != null && !KINDS.contains(command.kind())) {
            errors.add("kind", "field.oneOf", String.join(", ", KINDS));
        }
        FeedKind kind = StoredValue.parse(FeedKind.class, command.kind()).orElse(existing.kind());
        String url = kind == FeedKind.ICS_FILE ? null : command.url() != null ? command.url() : existing.url();
        FeedSource changed = new FeedSource(existing.id(), orDefault(command.slug(), existing.slug()),
                command.name() == null ? existing.name() : command.name().strip(), kind, url,
                kind == FeedKind.ICS_FILE ? existing.uploadedContent() : null,
                institution == null ? existing.institutionId() : institution.id(),
                orDefault(command.category(), existing.category()), orDefault(command.language(), existing.language()),
                orDefault(command.template(), existing.template()), orDefault(command.leadTimeDays(), existing.leadTimeDays()),
                orDefault(command.showUntil(), existing.showUntil()), orDefault(command.autoApprove(), existing.autoApprove()),
                orDefault(command.refreshMinutes(), existing.refreshMinutes()),
                orDefault(command.durationSeconds(), existing.durationSeconds()),
                existing.etag(), existing.lastModified(), existing.importStatus(), existing.importStartedAt(), existing.importedAt(),
                existing.itemsProcessed(), existing.itemsTotal(), existing.error(), existing.errorKey(), existing.errorArgs(),
                existing.errorLine(), existing.failedAt(), existing.createdAt(), existing.updatedAt());
        validate(errors, changed, command);
        errors.throwIfAny();
        if (changed.equals(existing)) {
            return view(existing);
        }
        if (institution != null && institution.id() != existing.institutionId()) {
            requireEditor(actor, institution);
        }
        requireApproverFor(actor, changed, existing);
        if (!changed.slug().equals(existing.slug()) && feeds.existsBySlug(changed.slug())) {
            throw ProblemException.conflict("feed.slug.taken", changed.slug());
        }
        // New settings must reach every item, so the next fetch asks for the whole feed again.
        FeedSource updated = feeds.update(withValidators(changed, null, null));
        View view = view(updated);
        audit.record(actor.username(), ENTITY, existing.id(), "update", view(existing), view);
        jobs.schedule(updated);
        return view;
    }

    /** When an imported announcement's event starts and ends (the earliest of its items); null end: unknown. */
    public record EventTime(Instant startsAt, @Nullable Instant endsAt) {
    }

    /** The event times of these announcements, for those that came from a feed. */
    @Transactional
    public Map<Long, EventTime> eventTimes(Collection<Long> announcementIds) {
        Map<Long, EventTime> times = new HashMap<>();
        if (announcementIds.isEmpty()) {
            return times;
        }
        for (FeedItem item : items.findByAnnouncementIdIn(announcementIds)) {
            times.merge(item.announcementId(), new EventTime(item.startsAt(), item.endsAt()), (a, b) -> new EventTime(
                    a.startsAt().isBefore(b.startsAt()) ? a.startsAt() : b.startsAt(),
                    a.endsAt() == null ? b.endsAt() : b.endsAt() == null || a.endsAt().isBefore(b.endsAt()) ? a.endsAt() : b.endsAt()));
        }
        return times;
    }

    /**
     * Deletes the feed. Its announcements stay as they are (approved ones keep playing until
     * their window ends); they are simply no longer updated.
     */
    @Transactional
    public void delete(Staff actor, String slug) {
        FeedSource existing = require(slug);
        requireEditor(actor, institution(existing.institutionId()));
        View before = view(existing);
        feeds.delete(existing);
        audit.record(actor.username(), ENTITY, existing.id(), "delete", before, null);
        jobs.unschedule(existing.id());
    }

    /** Stores the calendar file of an {@code ics-file} feed; the next import reads it. */
    @Transactional
    public View upload(Staff actor, String slug, @Nullable String fileName, @Nullable InputStream content) {
        FeedSource existing = require(slug);
        requireEditor(actor, institution(existing.institutionId()));
        if (existing.kind() != FeedKind.ICS_FILE) {
            throw ProblemException.badRequest("file", "feed.file.notIcsFile");
        }
        if (content == null) {
            throw ProblemException.badRequest("file", "field.required");
        }
        byte[] bytes;
        try (InputStream in = content) {
            bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, settings.getMaxBytes() + 1));
        } catch (IOException e) {
            throw ProblemException.badRequest("file", "feed.file.unreadable", e.getMessage());
        }
        if (bytes.length > settings.getMaxBytes()) {
            throw ProblemException.badRequest("file", "feed.file.tooLarge", settings.getMaxBytes() / (1024 * 1024));
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (!text.stripLeading().replace("\uFEFF", "").toUpperCase(Locale.ROOT).startsWith("BEGIN:VCALENDAR")) {
            throw ProblemException.badRequest("file", "feed.file.notICalendar");
        }
        // read it as an import would before it replaces the stored file, so a broken upload
        // leaves the good file and its events; the zone only places floating times, which
        // cannot make a readable file unreadable
        try {
            Instant now = clock.instant();
            new IcsParser(java.time.ZoneOffset.UTC).parse(text, now, now.plus(settings.getHorizon()));
        } catch (FeedParseException e) {
            throw ProblemException.badRequest("file", "feed.file.broken",
                    e.line() == null ? e.getMessage() : e.getMessage() + " (line " + e.line() + ")");
        }
        FeedSource changed = new FeedSource(existing.id(), existing.slug(), existing.name(), existing.kind(), null, text,
                existing.institutionId(), existing.category(), existing.language(), existing.template(), existing.leadTimeDays(),
                existing.showUntil(), existing.autoApprove(), existing.refreshMinutes(), existing.durationSeconds(), null, null,
                existing.importStatus(), existing.importStartedAt(), existing.importedAt(), existing.itemsProcessed(),
                existing.itemsTotal(), existing.error(), existing.errorKey(), existing.errorArgs(), existing.errorLine(),
                existing.failedAt(), existing.createdAt(), existing.updatedAt());
        FeedSource updated = feeds.update(changed);
        View view = view(updated);
        audit.record(actor.username(), ENTITY, existing.id(), "upload", view(existing), view);
        return view;
    }

    /** "Import now": runs the import on this server, at once, as the acting staff member asked. */
    public ImportResult importNow(Staff actor, String slug) {
        FeedSource feed = requireVisibleForImport(actor, slug);
        return importer.run(feed.id(), clock.instant());
    }

    /** Feeds whose last import failed, for /health. */
    @Transactional
    public List<FeedSource> failing() {
        return feeds.findByImportStatus("failed");
    }

    @Transactional
    FeedSource requireVisibleForImport(Staff actor, String slug) {
        FeedSource feed = require(slug);
        requireEditor(actor, institution(feed.institutionId()));
        return feed;
    }

    private void validate(FieldErrors errors, FeedSource f, Command command) {
        if (!errors.has("kind")) {
            if (f.kind() == FeedKind.ICS_FILE) {
                if (command.url() != null) {
                    errors.add("url", "feed.url.forFile");
                }
            } else {
                checkUrl(errors, f.url());
            }
        }
        if (!CATEGORIES.contains(f.category())) {
            errors.add("category", "field.oneOf", String.join(", ", CATEGORIES));
        }
        if (!LANGUAGES.contains(f.language())) {
            errors.add("language", "field.daOrEn");
        }
        if (f.template().isBlank() || f.template().length() > MAX_TEMPLATE) {
            errors.add("template", "field.lengthBetween", 1, MAX_TEMPLATE);
        } else {
            try {
                ItemTemplate.compile(f.template());
            } catch (IllegalArgumentException e) {
                errors.add("template", "feed.template.invalid", e.getMessage(), ItemTemplate.FIELDS);
            }
        }
        if (f.leadTimeDays() < 0 || f.leadTimeDays() > 365) {
            errors.add("leadTimeDays", "field.between", 0, 365);
        }
        if (!SHOW_UNTIL.contains(f.showUntil())) {
            errors.add("showUntil", "feed.showUntil.oneOf");
        } else if (f.leadTimeDays() == 0 && f.showUntil().equals("start") && f.isCalendar()) {
            errors.add("showUntil", "feed.showUntil.neverShown");
        }
        if (f.refreshMinutes() < 5 || f.refreshMinutes() > 10080) {
            errors.add("refreshMinutes", "feed.refreshMinutes.range");
        }
        if (f.durationSeconds() < 3 || f.durationSeconds() > 300) {
            errors.add("durationSeconds", "field.between", 3, 300);
        }
    }

    private static void checkUrl(FieldErrors errors, @Nullable String url) {
        if (url == null || url.isBlank()) {
            errors.add("url", "feed.url.required");
            return;
        }
        try {
            URI uri = new URI(url.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            // webcal: is how calendar sites link their feeds; it is fetched as https
            if (!Set.of("http", "https").contains(scheme) || uri.getHost() == null) {
                errors.add("url", "feed.url.scheme");
            } else if (url.length() > 2000) {
                errors.add("url", "field.tooLong", 2000);
            }
        } catch (URISyntaxException e) {
            errors.add("url", "feed.url.scheme");
        }
    }

    private @Nullable Institution institution(FieldErrors errors, @Nullable String slug, boolean required) {
        if (slug == null) {
            if (required) {
                errors.add("institution", "feed.institution.choose");
            }
            return null;
        }
        Institution institution = institutions.findBySlug(slug).orElse(null);
        if (institution == null) {
            errors.add("institution", "institution.unknown");
        }
        return institution;
    }

    private Map<Long, String> institutionNames() {
        return institutions.findAll().stream().collect(Collectors.toMap(Institution::id, Institution::name));
    }

    private Institution institution(long id) {
        return institutions.findById(id).orElseThrow(() -> ProblemException.notFound("institution.notFoundById", id));
    }

    private static void requireEditor(Staff actor, @Nullable Institution institution) {
        if (institution != null && !actor.canEdit(institution.id())) {
            throw ProblemException.forbidden("feed.forbidden.manage", institution.name());
        }
    }

    /** Publishing without approval skips the approvers, so only they may switch it on. */
    private static void requireApproverFor(Staff actor, FeedSource wanted, @Nullable FeedSource existing) {
        boolean switchingOn = wanted.autoApprove() && (existing == null || !existing.autoApprove());
        if (switchingOn && !actor.canApprove()) {
            throw ProblemException.forbidden("feed.forbidden.autoApprove");
        }
    }

    private FeedSource require(String slug) {
        return feeds.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("feed.notFound", slug));
    }

    private FeedSource requireVisible(Staff viewer, String slug) {
        FeedSource feed = require(slug);
        if (!viewer.canSeeUnpublished(feed.institutionId())) {
            throw ProblemException.forbidden("feed.forbidden.see", institution(feed.institutionId()).name());
        }
        return feed;
    }

    /** Feeds can carry private calendar addresses: only those who work on the institution (and approvers) see them. */
    private PredicateSpecification<FeedSource> visibleTo(Staff viewer) {
        if (viewer.canApprove()) {
            return null;
        }
        Set<Long> ids = viewer.institutionIds();
        return ids.isEmpty() ? (root, cb) -> cb.equal(root.get("id"), -1L) : (root, cb) -> root.get("institutionId").in(ids);
    }

    private static <T> PredicateSpecification<T> and(@Nullable PredicateSpecification<T> a, PredicateSpecification<T> b) {
        return a == null ? b : a.and(b);
    }

    static FeedSource withValidators(FeedSource f, @Nullable String etag, @Nullable String lastModified) {
        return new FeedSource(f.id(), f.slug(), f.name(), f.kind(), f.url(), f.uploadedContent(), f.institutionId(), f.category(),
                f.language(), f.template(), f.leadTimeDays(), f.showUntil(), f.autoApprove(), f.refreshMinutes(),
                f.durationSeconds(), etag, lastModified, f.importStatus(), f.importStartedAt(), f.importedAt(),
                f.itemsProcessed(), f.itemsTotal(), f.error(), f.errorKey(), f.errorArgs(), f.errorLine(), f.failedAt(), f.createdAt(),
                f.updatedAt());
    }

    private View view(FeedSource f) {
        String institution = institutions.findById(f.institutionId()).map(Institution::slug).orElse("");
        return new View(f.id(), f.slug(), f.name(), f.kind().value(), f.url(),
                f.uploadedContent() == null ? null : f.uploadedContent().getBytes(StandardCharsets.UTF_8).length,
                institution, f.category(), f.language(), f.template(), f.leadTimeDays(), f.showUntil(), f.autoApprove(),
                f.refreshMinutes(), f.durationSeconds(), ImportState.of(f), f.createdAt(), f.updatedAt());
    }

    private static <T> T orDefault(@Nullable T value, T fallback) {
        return value == null ? fallback : value;
    }
}
