package dk.albertslund.signage.screen;

import dk.albertslund.signage.core.Strict;
import com.fasterxml.jackson.annotation.JsonInclude;
import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.core.InUse;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.FieldErrors;
import dk.albertslund.signage.core.ListQuery;
import dk.albertslund.signage.core.ProblemException;
import dk.albertslund.signage.core.Slugs;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.model.Page;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Screens: read by every staff member, changed by admins. A PUT replaces the screen with
 * the command (a missing slug keeps the old one; other missing fields take their
 * defaults); re-sending what is stored writes nothing. A new screen without a slug gets
 * a free one made from its name, so nobody has to invent an address.
 */
@Singleton
public class ScreenService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("slug", "name"), "name", Set.of("group", "orientation"));
    static final List<String> ORIENTATIONS = List.of("landscape", "portrait");
    static final List<String> LAYOUTS = List.of("full", "main-side-ticker");
    /** Where the station's next trains show: nowhere, in the side column, or as a slide of their own. */
    static final List<String> DEPARTURES = List.of("off", "zone", "slide");
    static final List<String> LANGUAGES = List.of("da", "en");
    static final int MAX_PIXELS = 10_000;

    private final ScreenRepository screens;
    private final JdbcOperations jdbc;
    private final ScreenGroupRepository groups;
    private final PlaylistService playlists;
    private final List<ScreenUsers> users;
    private final AuditLog audit;
    private final ScreenAirtime airtime;

    ScreenService(ScreenRepository screens, ScreenGroupRepository groups, PlaylistService playlists, JdbcOperations jdbc,
                  List<ScreenUsers> users, AuditLog audit, ScreenAirtime airtime) {
        this.airtime = airtime;
        this.screens = screens;
        this.jdbc = jdbc;
        this.groups = groups;
        this.playlists = playlists;
        this.users = users;
        this.audit = audit;
    }

    /**
     * What a caller may set on a screen: the whole of it. Width and height are pixels.
     * {@code airtimeShares}, institution slug → percent (docs/ARCHITECTURE.md, "Fair
     * airtime"), is the one field a missing value keeps as stored, so a client that does not
     * know it cannot wipe the shares; an empty map clears them.
     */
    @Serdeable
    @Strict
    public record Command(@Nullable String slug, @Nullable String name, @Nullable String location,
                          @Nullable String orientation, @Nullable Integer width, @Nullable Integer height,
                          @Nullable String layout, @Nullable List<String> languages, @Nullable List<String> groups,
                          @Nullable String defaultPlaylist, @Nullable Boolean infoBand, @Nullable String departures,
                          @Nullable Map<String, Integer> airtimeShares, @Nullable Boolean touch) {

        @io.micronaut.core.annotation.Creator
        public Command {
        }

        /** A command that keeps the stored departures setting, airtime shares and touch setting. */
        public Command(@Nullable String slug, @Nullable String name, @Nullable String location,
                       @Nullable String orientation, @Nullable Integer width, @Nullable Integer height,
                       @Nullable String layout, @Nullable List<String> languages, @Nullable List<String> groups,
                       @Nullable String defaultPlaylist, @Nullable Boolean infoBand) {
            this(slug, name, location, orientation, width, height, layout, languages, groups, defaultPlaylist, infoBand, null, null, null);
        }
    }

    /** The API and audit view of a screen; groups by slug, alphabetically. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String slug, String name, String location, String orientation, int width, int height,
                       String layout, List<String> languages, List<String> groups, @Nullable String defaultPlaylist,
                       boolean infoBand, String departures, Map<String, Integer> airtimeShares, boolean touch) {
    }

    /**
     * A command read and resolved: the screen, the ids of its groups in ascending order, and
     * its airtime shares by institution id (null: keep the stored ones).
     */
    private record Wanted(Screen screen, List<Long> groupIds, @Nullable Map<Long, Integer> shares) {
    }

    @Transactional
    public Page<View> list(ListQuery query) {
        PredicateSpecification<Screen> where = null;
        String orientation = query.filters().get("orientation");
        if (orientation != null) {
            if (!ORIENTATIONS.contains(orientation)) {
                throw ProblemException.badRequest("orientation", "screen.orientation.oneOf");
            }
            where = (root, cb) -> cb.equal(root.get("orientation"), orientation);
        }
        String group = query.filters().get("group");
        if (group != null) {
            ScreenGroup inGroup = groups.findBySlug(group)
                    .orElseThrow(() -> ProblemException.badRequest("group", "screenGroup.noSuch", group));
            List<Long> ids = screens.findScreenIdsInGroup(inGroup.id());
            if (ids.isEmpty()) {
                return Page.of(List.of(), query.pageable(), 0L);
            }
            PredicateSpecification<Screen> members = (root, cb) -> root.get("id").in(ids);
            where = where == null ? members : where.and(members);
        }
        return screens.findAll(where, query.pageable()).map(this::view);
    }

    @Transactional
    public View get(String slug) {
        return view(require(slug));
    }

    @Transactional
    public Optional<View> find(String slug) {
        return screens.findBySlug(slug).map(this::view);
    }

    /** The screen behind a slug, or a 404 naming it. */
    @Transactional
    public Screen require(String slug) {
        return screens.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("screen.notFound", slug));
    }

    // What the features above ask about screens (docs/ARCHITECTURE.md): here, never in the tables.

    public Optional<Screen> findById(long id) {
        return screens.findById(id);
    }

    public Optional<Screen> findBySlug(String slug) {
        return screens.findBySlug(slug);
    }

    public boolean existsBySlug(String slug) {
        return screens.existsBySlug(slug);
    }

    public List<Screen> findAll() {
        return screens.findAll();
    }

    /** Group ids by screen id, oldest group first (the order their default playlists are tried in); of one screen, or of all when null. */
    @Transactional
    public Map<Long, List<Long>> groupIds(@Nullable Long screenId) {
        return jdbc.prepareStatement("SELECT screen_id, group_id FROM screen_group_member"
                + (screenId == null ? "" : " WHERE screen_id = ?") + " ORDER BY screen_id, group_id", statement -> {
            if (screenId != null) {
                statement.setLong(1, screenId);
            }
            Map<Long, List<Long>> memberships = new HashMap<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    memberships.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getLong(2));
                }
            }
            return memberships;
        });
    }

    /** The screens of a group. */
    public List<Long> screenIdsInGroup(long groupId) {
        return screens.findScreenIdsInGroup(groupId);
    }

    @Transactional
    public View create(Staff actor, Command command) {
        requireAdmin(actor);
        Wanted wanted = read(command, null);
        if (screens.existsBySlug(wanted.screen().slug())) {
            throw ProblemException.conflict("screen.slug.taken", wanted.screen().slug());
        }
        Screen saved = screens.save(wanted.screen());
        storeGroups(saved.id(), wanted.groupIds());
        if (wanted.shares() != null) {
            airtime.storeForScreen(saved.id(), wanted.shares());
        }
        View view = view(saved);
        audit.record(actor.username(), "screen", saved.id(), "create", null, view);
        return view;
    }

    /** Replaces the screen with the command; when that is what is stored already, writes nothing. */
    @Transactional
    public View update(Staff actor, String slug, Command command) {
        requireAdmin(actor);
        Screen existing = require(slug);
        Wanted wanted = read(command, existing);
        boolean groupsChanged = !screens.findGroupIds(existing.id()).equals(wanted.groupIds());
        boolean sharesChanged = wanted.shares() != null && airtime.differsForScreen(existing.id(), wanted.shares());
        if (wanted.screen().equals(existing) && !groupsChanged && !sharesChanged) {
            return view(existing);
        }
        if (!wanted.screen().slug().equals(existing.slug()) && screens.existsBySlug(wanted.screen().slug())) {
            throw ProblemException.conflict("screen.slug.taken", wanted.screen().slug());
        }
        View before = view(existing);
        Screen saved = screens.update(wanted.screen());
        if (groupsChanged) {
            storeGroups(existing.id(), wanted.groupIds());
        }
        if (sharesChanged) {
            airtime.storeForScreen(existing.id(), wanted.shares());
        }
        View after = view(saved);
        audit.record(actor.username(), "screen", existing.id(), "update", before, after);
        return after;
    }

    @Transactional
    public void delete(Staff actor, String slug) {
        requireAdmin(actor);
        Screen existing = require(slug);
        InUse.refuseDeleting("screen.inUse", existing.slug(),
                users.stream().flatMap(user -> user.usesOfScreen(existing.id()).stream()).toList());
        View before = view(existing);
        screens.delete(existing);
        audit.record(actor.username(), "screen", existing.id(), "delete", before, null);
    }

    /** A display name: 1–120 characters, without surrounding blanks. */
    static String name(FieldErrors errors, @Nullable String value) {
        String name = value == null ? null : value.strip();
        if (name == null || name.isEmpty() || name.length() > 120) {
            errors.add("name", "field.lengthBetween", 1, 120);
        }
        return name;
    }

    private void storeGroups(long screenId, List<Long> groupIds) {
        screens.deleteMemberships(screenId);
        for (long groupId : groupIds) {
            screens.insertMembership(screenId, groupId);
        }
    }

    private View view(Screen screen) {
        List<Long> groupIds = screens.findGroupIds(screen.id());
        List<String> groupSlugs = groupIds.isEmpty() ? List.of()
                : groups.findByIdIn(groupIds).stream().map(ScreenGroup::slug).sorted().toList();
        return new View(screen.id(), screen.slug(), screen.name(), screen.location(), screen.orientation(), screen.widthPx(),
                screen.heightPx(), screen.layout(), List.copyOf(screen.languages()), groupSlugs,
                playlists.slugOf(screen.defaultPlaylistId()), screen.infoBand(), screen.departures(), airtime.ofScreen(screen.id()),
                screen.touch());
    }

    private Wanted read(Command command, @Nullable Screen existing) {
        FieldErrors errors = new FieldErrors();
        Slugs.check(errors, "slug", command.slug(), false);
        String name = name(errors, command.name());
        String location = command.location() == null ? "" : command.location().strip();
        if (location.length() > 200) {
            errors.add("location", "field.tooLong", 200);
        }
        String orientation = oneOf(errors, "orientation", command.orientation(), ORIENTATIONS);
        boolean portrait = "portrait".equals(orientation);
        int width = pixels(errors, "width", command.width(), portrait ? 1080 : 1920);
        int height = pixels(errors, "height", command.height(), portrait ? 1920 : 1080);
        String layout = oneOf(errors, "layout", command.layout(), LAYOUTS);
        List<String> languages = languages(errors, command.languages());
        List<Long> groupIds = groupIds(errors, command.groups());
        Long defaultPlaylistId = playlists.idOf(errors, "defaultPlaylist", command.defaultPlaylist());
        // not given keeps what the screen has: a client from before departures does not switch them off
        String departures = oneOf(errors, "departures", command.departures() != null ? command.departures()
                : existing != null ? existing.departures() : null, DEPARTURES);
        if ("zone".equals(departures) && !"main-side-ticker".equals(layout)) {
            errors.add("departures", "screen.departures.zoneNeedsSide");
        }
        Map<Long, Integer> shares = airtime.read(errors, command.airtimeShares());
        errors.throwIfAny();
        String slug = command.slug() != null ? command.slug()
                : existing != null ? existing.slug()
                : Slugs.free(Slugs.fromName(name, "screen"), screens::existsBySlug);
        Screen screen = new Screen(existing == null ? null : existing.id(), slug, name, location, orientation, width, height, layout,
                languages, defaultPlaylistId, Boolean.TRUE.equals(command.infoBand()), existing == null ? null : existing.createdAt(),
                existing == null ? null : existing.updatedAt(), departures,
                // not given keeps what the screen has, as with departures
                command.touch() != null ? command.touch() : existing != null && existing.touch());
        return new Wanted(screen, groupIds, shares);
    }

    /** The value, or the first allowed one when none is given. */
    private static String oneOf(FieldErrors errors, String field, @Nullable String value, List<String> allowed) {
        if (value == null) {
            return allowed.get(0);
        }
        if (!allowed.contains(value)) {
            errors.add(field, "field.oneOf", String.join(", ", allowed));
        }
        return value;
    }

    private static int pixels(FieldErrors errors, String field, @Nullable Integer value, int fallback) {
        if (value == null) {
            return fallback;
        }
        if (value < 1 || value > MAX_PIXELS) {
            errors.add(field, "screen.pixels.range", MAX_PIXELS);
        }
        return value;
    }

    /** The screen's languages in the order given, each once; without any, Danish. */
    private static List<String> languages(FieldErrors errors, @Nullable List<String> values) {
        if (values == null) {
            return List.of("da");
        }
        List<String> languages = values.stream().map(v -> v == null ? "" : v.strip().toLowerCase(Locale.ROOT)).distinct().toList();
        if (languages.isEmpty() || !LANGUAGES.containsAll(languages)) {
            errors.add("languages", "screen.languages.daEn");
        }
        return languages;
    }

    private List<Long> groupIds(FieldErrors errors, @Nullable List<String> slugs) {
        if (slugs == null || slugs.isEmpty()) {
            return List.of();
        }
        Set<String> wanted = new LinkedHashSet<>(slugs);
        Map<String, Long> found = groups.findBySlugIn(wanted).stream()
                .collect(Collectors.toMap(ScreenGroup::slug, ScreenGroup::id));
        List<String> unknown = wanted.stream().filter(s -> !found.containsKey(s)).toList();
        if (!unknown.isEmpty()) {
            errors.add("groups", "screen.groups.unknown", unknown.stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")));
        }
        return new TreeSet<>(found.values()).stream().toList();
    }

    private static void requireAdmin(Staff actor) {
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("screen.forbidden");
        }
    }
}
