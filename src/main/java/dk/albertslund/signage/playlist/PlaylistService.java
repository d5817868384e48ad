package dk.albertslund.signage.playlist;

import dk.albertslund.signage.core.Strict;
import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.core.InUse;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Playlists: read by every staff member; changed by editors of the owning institution,
 * or by admins when no institution owns it. A PUT replaces the whole playlist with the
 * command (only a missing slug keeps the old one), so re-sending what is stored changes
 * nothing and writes nothing. A new playlist without a slug gets a free one made from its
 * name, so staff and scripts need not invent an address.
 */
@Singleton
public class PlaylistService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("slug", "name", "createdAt"), "name", Set.of("institution"));
    static final List<String> CATEGORIES = AnnouncementService.CATEGORIES;
    static final int MAX_ITEMS = 500;
    private static final int MAX_TAG = 40;

    private final PlaylistRepository playlists;
    private final AnnouncementService announcements;
    private final JdbcOperations jdbc;
    private final InstitutionService institutions;
    private final List<PlaylistUsers> users;
    private final AuditLog audit;
    private final Clock clock;

    PlaylistService(PlaylistRepository playlists, AnnouncementService announcements, JdbcOperations jdbc,
                    InstitutionService institutions, List<PlaylistUsers> users, AuditLog audit, Clock clock) {
        this.playlists = playlists;
        this.announcements = announcements;
        this.jdbc = jdbc;
        this.institutions = institutions;
        this.users = users;
        this.audit = audit;
        this.clock = clock;
    }

    /** What a caller may set on a playlist: the whole of it. */
    @Serdeable
    @Strict
    public record Command(@Nullable String slug, @Nullable String name, @Nullable String institution,
                          @Nullable List<String> items, @Nullable Rule rule) {
    }

    /** Which announcements a playlist adds by themselves: values under one key are alternatives, every key with values must match. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Rule(@Nullable List<String> categories, @Nullable List<String> institutions, @Nullable List<String> tags) {
    }

    /** A new order (or set) of a playlist's items, by announcement slug. */
    @Serdeable
    @Strict
    public record ItemsCommand(@Nullable List<String> items) {
    }

    /** The API and audit view of a playlist; empty lists and a missing institution are shown, not left out. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String slug, String name, @Nullable String institution, List<Item> items, Rule rule) {
    }

    /** One item: its place (from 1) and the announcement there. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Item(int position, String slug, String title, String status) {
    }

    /** What a playlist plays at {@code at}, in order. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Selection(String playlist, Instant at, List<Selected> items) {
    }

    /** One selected announcement, and whether it is there as an item or by the rule. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record Selected(int position, String slug, String title, String language, String category,
                           int durationSeconds, String source) {
    }

    /** A command read and resolved: what the playlist is to be. */
    private record Wanted(String slug, String name, @Nullable Long institutionId, List<Long> itemIds,
                          List<String> categories, List<String> ruleInstitutions, List<String> tags) {

        Playlist toPlaylist(@Nullable Playlist existing) {
            return new Playlist(existing == null ? null : existing.id(), slug, name, institutionId, categories,
                    ruleInstitutions, tags, existing == null ? null : existing.createdAt(),
                    existing == null ? null : existing.updatedAt());
        }
    }

    @Transactional
    public Page<View> list(ListQuery query) {
        PredicateSpecification<Playlist> where = null;
        String institution = query.filters().get("institution");
        if (institution != null) {
            long institutionId = institutions.findBySlug(institution).map(Institution::id)
                    .orElseThrow(() -> ProblemException.badRequest("institution", "institution.noSuch", institution));
            where = (root, cb) -> cb.equal(root.get("institutionId"), institutionId);
        }
        return playlists.findAll(where, query.pageable()).map(this::view);
    }

    @Transactional
    public View get(String slug) {
        return view(require(slug));
    }

    @Transactional
    public Optional<View> find(String slug) {
        return playlists.findBySlug(slug).map(this::view);
    }

    /** The playlist behind a slug, or a 404 naming it. */
    @Transactional
    public Playlist require(String slug) {
        return playlists.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("playlist.notFound", slug));
    }

    /**
     * The id of the playlist a command field names (null when the field is empty), or an
     * error on that field; for screens, groups and schedule entries that refer to playlists.
     */
    @Transactional
    public @Nullable Long idOf(FieldErrors errors, String field, @Nullable String slug) {
        if (slug == null || slug.isBlank()) {
            return null;
        }
        Optional<Playlist> playlist = playlists.findBySlug(slug.strip());
        if (playlist.isEmpty()) {
            errors.add(field, "playlist.noSuch", slug);
            return null;
        }
        return playlist.get().id();
    }

    @Transactional
    public @Nullable String slugOf(@Nullable Long id) {
        return id == null ? null : playlists.findById(id).map(Playlist::slug).orElse(null);
    }

    @Transactional
    public View create(Staff actor, Command command) {
        requireEditorOrAdmin(actor);
        Wanted wanted = read(command, null);
        requireMayChange(actor, wanted.institutionId());
        if (playlists.existsBySlug(wanted.slug())) {
            throw ProblemException.conflict("playlist.slug.taken", wanted.slug());
        }
        Playlist saved = playlists.save(wanted.toPlaylist(null));
        storeItems(saved.id(), wanted.itemIds());
        View view = view(saved);
        audit.record(actor.username(), "playlist", saved.id(), "create", null, view);
        return view;
    }

    /** Replaces the playlist with the command; when that is what is stored already, writes nothing. */
    @Transactional
    public View update(Staff actor, String slug, Command command) {
        requireEditorOrAdmin(actor);
        Playlist existing = require(slug);
        requireMayChange(actor, existing.institutionId());
        Wanted wanted = read(command, existing);
        requireMayChange(actor, wanted.institutionId());
        if (!wanted.slug().equals(existing.slug()) && playlists.existsBySlug(wanted.slug())) {
            throw ProblemException.conflict("playlist.slug.taken", wanted.slug());
        }
        Playlist changed = wanted.toPlaylist(existing);
        boolean itemsChanged = !playlists.findItemIds(existing.id()).equals(wanted.itemIds());
        if (changed.equals(existing) && !itemsChanged) {
            return view(existing);
        }
        View before = view(existing);
        Playlist saved = playlists.update(changed);
        if (itemsChanged) {
            storeItems(existing.id(), wanted.itemIds());
        }
        View after = view(saved);
        audit.record(actor.username(), "playlist", existing.id(), "update", before, after);
        return after;
    }

    /** Puts the playlist's items in this order (adding or dropping any); the rest of it stays. */
    @Transactional
    public View replaceItems(Staff actor, String slug, ItemsCommand command) {
        requireEditorOrAdmin(actor);
        Playlist existing = require(slug);
        requireMayChange(actor, existing.institutionId());
        FieldErrors errors = new FieldErrors();
        if (command.items() == null) {
            errors.add("items", "playlist.items.required");
        }
        List<Long> itemIds = announcementIds(errors, command.items());
        errors.throwIfAny();
        if (playlists.findItemIds(existing.id()).equals(itemIds)) {
            return view(existing);
        }
        View before = view(existing);
        storeItems(existing.id(), itemIds);
        Playlist touched = playlists.update(existing);
        View after = view(touched);
        audit.record(actor.username(), "playlist", existing.id(), "reorder", before, after);
        return after;
    }

    /** Deletes a playlist that nothing schedules or falls back to. */
    @Transactional
    public void delete(Staff actor, String slug) {
        requireEditorOrAdmin(actor);
        Playlist existing = require(slug);
        requireMayChange(actor, existing.institutionId());
        InUse.refuseDeleting("playlist.inUse", existing.slug(),
                users.stream().flatMap(user -> user.usesOfPlaylist(existing.id()).stream()).toList());
        View before = view(existing);
        playlists.delete(existing);
        audit.record(actor.username(), "playlist", existing.id(), "delete", before, null);
    }

    /** The announcements the playlist plays now, by the server's clock. */
    @Transactional
    public Selection selection(String slug) {
        Playlist playlist = require(slug);
        Instant at = clock.instant();
        List<Long> itemIds = playlists.findItemIds(playlist.id());
        List<Announcement> itemAnnouncements = inOrder(itemIds);
        PlaylistSelection.Rule rule = resolve(playlist);
        List<Announcement> candidates = rule.isEmpty() ? List.of() : announcements.approved(rule.categories(), rule.institutionIds());
        List<Announcement> selected = PlaylistSelection.select(itemAnnouncements, rule, candidates, at);
        Set<Long> fromItems = new HashSet<>(itemIds);
        List<Selected> out = new ArrayList<>();
        for (Announcement a : selected) {
            out.add(new Selected(out.size() + 1, a.slug(), a.title(), a.language(), a.category(), a.durationSeconds(),
                    fromItems.contains(a.id()) ? "item" : "rule"));
        }
        return new Selection(playlist.slug(), at, out);
    }

    /**
     * The stored rule with institution slugs resolved. Institutions named in the rule that
     * no longer exist match nothing; if none of them exists the rule matches nothing.
     */
    private PlaylistSelection.Rule resolve(Playlist playlist) {
        return rules(List.of(playlist)).get(playlist.id());
    }

    // What scheduling reads about playlists (docs/ARCHITECTURE.md): here, never in the tables.

    public Optional<Playlist> findById(long id) {
        return playlists.findById(id);
    }

    public Optional<Playlist> findBySlug(String slug) {
        return playlists.findBySlug(slug);
    }

    public List<Playlist> findAll() {
        return playlists.findAll();
    }

    public List<Playlist> findByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : playlists.findByIdIn(ids);
    }

    /** Each playlist's rule with institution slugs resolved, by playlist id ({@link #resolve}). */
    public Map<Long, PlaylistSelection.Rule> rules(Collection<Playlist> list) {
        Map<String, Long> institutionIds = new HashMap<>();
        institutions.findAll().forEach(i -> institutionIds.put(i.slug(), i.id()));
        Map<Long, PlaylistSelection.Rule> rules = new HashMap<>();
        for (Playlist playlist : list) {
            Set<Long> ids = new HashSet<>();
            playlist.ruleInstitutions().stream().map(institutionIds::get).filter(Objects::nonNull).forEach(ids::add);
            rules.put(playlist.id(), !playlist.ruleInstitutions().isEmpty() && ids.isEmpty() ? PlaylistSelection.Rule.NONE
                    : new PlaylistSelection.Rule(Set.copyOf(playlist.ruleCategories()), ids, Set.copyOf(playlist.ruleTags())));
        }
        return rules;
    }

    /** What these playlists select at {@code at}, each announcement once: their items and rule matches on show then. */
    @Transactional
    public List<Announcement> selectedAt(Collection<Long> playlistIds, Instant at) {
        List<Playlist> list = findByIds(playlistIds);
        Map<Long, List<Long>> items = itemIds(playlistIds);
        Map<Long, PlaylistSelection.Rule> rules = rules(list);
        Map<Long, Announcement> selected = new LinkedHashMap<>();
        for (Playlist playlist : list) {
            PlaylistSelection.Rule rule = rules.get(playlist.id());
            List<Announcement> candidates = rule.isEmpty() ? List.of() : announcements.approved(rule.categories(), rule.institutionIds());
            PlaylistSelection.select(inOrder(items.getOrDefault(playlist.id(), List.of())), rule, candidates, at)
                    .forEach(a -> selected.putIfAbsent(a.id(), a));
        }
        return List.copyOf(selected.values());
    }

    /** Announcement ids by playlist id, in playlist order. */
    @Transactional
    public Map<Long, List<Long>> itemIds(Collection<Long> playlistIds) {
        if (playlistIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement(
                "SELECT playlist_id, announcement_id FROM playlist_item WHERE playlist_id = ANY(?) ORDER BY playlist_id, position",
                statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("bigint", playlistIds.toArray()));
                    Map<Long, List<Long>> items = new HashMap<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            items.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getLong(2));
                        }
                    }
                    return items;
                });
    }


    private void storeItems(long playlistId, List<Long> announcementIds) {
        playlists.deleteItems(playlistId);
        for (int i = 0; i < announcementIds.size(); i++) {
            playlists.insertItem(playlistId, i + 1, announcementIds.get(i));
        }
    }

    private View view(Playlist playlist) {
        List<Announcement> itemAnnouncements = inOrder(playlists.findItemIds(playlist.id()));
        List<Item> itemViews = new ArrayList<>();
        for (Announcement a : itemAnnouncements) {
            itemViews.add(new Item(itemViews.size() + 1, a.slug(), a.title(), a.status().value()));
        }
        String institution = playlist.institutionId() == null ? null
                : institutions.findById(playlist.institutionId()).map(Institution::slug).orElse(null);
        return new View(playlist.id(), playlist.slug(), playlist.name(), institution, itemViews,
                new Rule(List.copyOf(playlist.ruleCategories()), List.copyOf(playlist.ruleInstitutions()),
                        List.copyOf(playlist.ruleTags())));
    }

    private List<Announcement> inOrder(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Announcement> byId = announcements.findByIds(ids).stream()
                .collect(Collectors.toMap(Announcement::id, Function.identity()));
        return ids.stream().map(byId::get).toList();
    }

    private Wanted read(Command command, @Nullable Playlist existing) {
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "slug", command.slug(), false);
        String name = command.name() == null ? null : command.name().strip();
        if (name == null || name.isEmpty() || name.length() > 120) {
            errors.add("name", "field.lengthBetween", 1, 120);
        }
        Long institutionId = null;
        if (command.institution() != null) {
            institutionId = institutions.findBySlug(command.institution()).map(Institution::id).orElse(null);
            if (institutionId == null) {
                errors.add("institution", "institution.noSuch", command.institution());
            }
        }
        List<Long> itemIds = announcementIds(errors, command.items());
        Rule rule = command.rule() == null ? new Rule(null, null, null) : command.rule();
        List<String> categories = categories(errors, rule.categories());
        List<String> ruleInstitutions = ruleInstitutions(errors, rule.institutions());
        List<String> tags = tags(errors, rule.tags());
        errors.throwIfAny();
        String slug = command.slug() != null ? command.slug()
                : existing != null ? existing.slug()
                : Slugs.free(Slugs.fromName(name, "playlist"), playlists::existsBySlug);
        return new Wanted(slug, name, institutionId, itemIds, categories, ruleInstitutions, tags);
    }

    /** Announcement ids in the order of their slugs; unknown and repeated slugs are named on {@code items}. */
    private List<Long> announcementIds(FieldErrors errors, @Nullable List<String> slugs) {
        if (slugs == null || slugs.isEmpty()) {
            return List.of();
        }
        if (slugs.size() > MAX_ITEMS) {
            errors.add("items", "playlist.items.tooMany", MAX_ITEMS);
            return List.of();
        }
        Set<String> distinct = new LinkedHashSet<>();
        Set<String> repeated = new LinkedHashSet<>();
        for (String slug : slugs) {
            if (!distinct.add(String.valueOf(slug))) {
                repeated.add(String.valueOf(slug));
            }
        }
        Map<String, Long> ids = announcements.findBySlugs(distinct).stream()
                .collect(Collectors.toMap(Announcement::slug, Announcement::id));
        List<String> unknown = distinct.stream().filter(s -> !ids.containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            errors.add("items", "playlist.items.unknown", quoted(unknown));
        }
        if (!repeated.isEmpty()) {
            errors.add("items", "playlist.items.repeated", quoted(repeated));
        }
        return unknown.isEmpty() ? slugs.stream().map(ids::get).toList() : List.of();
    }

    private static List<String> categories(FieldErrors errors, @Nullable List<String> values) {
        List<String> categories = distinctLowerCase(values);
        List<String> unknown = categories.stream().filter(c -> !CATEGORIES.contains(c)).toList();
        if (!unknown.isEmpty()) {
            errors.add("rule.categories", "playlist.rule.unknownCategories", quoted(unknown), String.join(", ", CATEGORIES));
        }
        return categories;
    }

    private List<String> ruleInstitutions(FieldErrors errors, @Nullable List<String> values) {
        List<String> slugs = distinctLowerCase(values);
        List<String> unknown = slugs.stream().filter(s -> !institutions.existsBySlug(s)).toList();
        if (!unknown.isEmpty()) {
            errors.add("rule.institutions", "playlist.rule.unknownInstitutions", quoted(unknown));
        }
        return slugs;
    }

    private static List<String> tags(FieldErrors errors, @Nullable List<String> values) {
        List<String> tags = distinctLowerCase(values);
        if (tags.stream().anyMatch(t -> t.isEmpty() || t.length() > MAX_TAG)) {
            errors.add("rule.tags", "playlist.rule.tagLength", MAX_TAG);
        }
        return tags;
    }

    private static List<String> distinctLowerCase(@Nullable List<String> values) {
        if (values == null) {
            return List.of();
        }
        return values.stream().map(v -> v == null ? "" : v.strip().toLowerCase(Locale.ROOT)).distinct().toList();
    }

    private static String quoted(java.util.Collection<String> values) {
        return values.stream().map(v -> "'" + v + "'").collect(Collectors.joining(", "));
    }

    /**
     * Whether the actor may change a playlist owned by this institution (null: campus-wide),
     * so pages offer only the actions the service would allow.
     */
    public static boolean mayChange(Staff actor, @Nullable Long institutionId) {
        if (!actor.isAdmin() && !actor.roles().contains(Role.EDITOR)) {
            return false;
        }
        return institutionId == null ? actor.isAdmin() : actor.canEdit(institutionId);
    }

    /** Whether the actor may create playlists at all. */
    public static boolean mayCreate(Staff actor) {
        return actor.isAdmin() || actor.roles().contains(Role.EDITOR);
    }

    private static void requireEditorOrAdmin(Staff actor) {
        if (!actor.isAdmin() && !actor.roles().contains(Role.EDITOR)) {
            throw ProblemException.forbidden("playlist.forbidden.change");
        }
    }

    private void requireMayChange(Staff actor, @Nullable Long institutionId) {
        if (institutionId == null) {
            if (!actor.isAdmin()) {
                throw ProblemException.forbidden("playlist.forbidden.shared");
            }
        } else if (!actor.canEdit(institutionId)) {
            Object name = institutions.findById(institutionId).<Object>map(Institution::name)
                    .orElseGet(() -> Message.of("institution.that"));
            throw ProblemException.forbidden("playlist.forbidden.institution", name);
        }
    }
}
