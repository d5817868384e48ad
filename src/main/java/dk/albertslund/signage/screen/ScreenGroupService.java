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
import io.micronaut.data.model.Page;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Screen groups: read by every staff member, changed by admins. A PUT replaces the group
 * with the command (a missing slug keeps the old one); re-sending what is stored writes
 * nothing. A new group without a slug gets a free one made from its name. Deleting a group takes its memberships with it, but not while a schedule
 * entry targets it.
 */
@Singleton
public class ScreenGroupService {

    public static final ListQuery.Allowed LIST = new ListQuery.Allowed(Set.of("slug", "name", "createdAt"), "name", Set.of());

    private final ScreenGroupRepository groups;
    private final PlaylistService playlists;
    private final List<ScreenUsers> users;
    private final AuditLog audit;
    private final ScreenAirtime airtime;

    ScreenGroupService(ScreenGroupRepository groups, PlaylistService playlists, List<ScreenUsers> users,
                       AuditLog audit, ScreenAirtime airtime) {
        this.airtime = airtime;
        this.groups = groups;
        this.playlists = playlists;
        this.users = users;
        this.audit = audit;
    }

    /**
     * What a caller may set on a screen group: the whole of it, except that a missing
     * {@code airtimeShares} keeps the stored shares (as on screens, {@link ScreenService.Command}).
     */
    @Serdeable
    @Strict
    public record Command(@Nullable String slug, @Nullable String name, @Nullable String defaultPlaylist,
                          @Nullable Map<String, Integer> airtimeShares) {

        @io.micronaut.core.annotation.Creator
        public Command {
        }

        /** A command that keeps the stored airtime shares. */
        public Command(@Nullable String slug, @Nullable String name, @Nullable String defaultPlaylist) {
            this(slug, name, defaultPlaylist, null);
        }
    }

    /** The API and audit view of a screen group. */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record View(long id, String slug, String name, @Nullable String defaultPlaylist, Map<String, Integer> airtimeShares) {
    }

    @Transactional
    public Page<View> list(ListQuery query) {
        return groups.findAll(query.pageable()).map(this::view);
    }

    @Transactional
    public View get(String slug) {
        return view(require(slug));
    }

    @Transactional
    public Optional<View> find(String slug) {
        return groups.findBySlug(slug).map(this::view);
    }

    public Optional<ScreenGroup> findById(long id) {
        return groups.findById(id);
    }

    public Optional<ScreenGroup> findBySlug(String slug) {
        return groups.findBySlug(slug);
    }

    public List<ScreenGroup> findByIds(Collection<Long> ids) {
        return ids.isEmpty() ? List.of() : groups.findByIdIn(ids);
    }

    /** The group behind a slug, or a 404 naming it. */
    @Transactional
    public ScreenGroup require(String slug) {
        return groups.findBySlug(slug).orElseThrow(() -> ProblemException.notFound("screenGroup.notFound", slug));
    }

    @Transactional
    public View create(Staff actor, Command command) {
        requireAdmin(actor);
        FieldErrors errors = new FieldErrors();
        Map<Long, Integer> shares = airtime.read(errors, command.airtimeShares());
        ScreenGroup wanted = read(command, null, errors);
        if (groups.existsBySlug(wanted.slug())) {
            throw ProblemException.conflict("screenGroup.slug.taken", wanted.slug());
        }
        ScreenGroup saved = groups.save(wanted);
        if (shares != null) {
            airtime.storeForGroup(saved.id(), shares);
        }
        View view = view(saved);
        audit.record(actor.username(), "screen_group", saved.id(), "create", null, view);
        return view;
    }

    /** Replaces the group with the command; when that is what is stored already, writes nothing. */
    @Transactional
    public View update(Staff actor, String slug, Command command) {
        requireAdmin(actor);
        ScreenGroup existing = require(slug);
        FieldErrors errors = new FieldErrors();
        Map<Long, Integer> shares = airtime.read(errors, command.airtimeShares());
        ScreenGroup wanted = read(command, existing, errors);
        boolean sharesChanged = shares != null && airtime.differsForGroup(existing.id(), shares);
        if (wanted.equals(existing) && !sharesChanged) {
            return view(existing);
        }
        if (!wanted.slug().equals(existing.slug()) && groups.existsBySlug(wanted.slug())) {
            throw ProblemException.conflict("screenGroup.slug.taken", wanted.slug());
        }
        View before = view(existing);
        if (sharesChanged) {
            airtime.storeForGroup(existing.id(), shares);
        }
        View after = view(wanted.equals(existing) ? existing : groups.update(wanted));
        audit.record(actor.username(), "screen_group", existing.id(), "update", before, after);
        return after;
    }

    @Transactional
    public void delete(Staff actor, String slug) {
        requireAdmin(actor);
        ScreenGroup existing = require(slug);
        InUse.refuseDeleting("screenGroup.inUse", existing.slug(),
                users.stream().flatMap(user -> user.usesOfGroup(existing.id()).stream()).toList());
        View before = view(existing);
        groups.delete(existing);
        audit.record(actor.username(), "screen_group", existing.id(), "delete", before, null);
    }

    private View view(ScreenGroup group) {
        return new View(group.id(), group.slug(), group.name(), playlists.slugOf(group.defaultPlaylistId()),
                airtime.ofGroup(group.id()));
    }


    /** The group the command asks for; refuses it naming every field at fault, with those already in {@code errors}. */
    private ScreenGroup read(Command command, @Nullable ScreenGroup existing, FieldErrors errors) {
        Slugs.check(errors, "slug", command.slug(), false);
        String name = ScreenService.name(errors, command.name());
        Long defaultPlaylistId = playlists.idOf(errors, "defaultPlaylist", command.defaultPlaylist());
        errors.throwIfAny();
        String slug = command.slug() != null ? command.slug()
                : existing != null ? existing.slug()
                : Slugs.free(Slugs.fromName(name, "group"), groups::existsBySlug);
        return new ScreenGroup(existing == null ? null : existing.id(), slug,
                name, defaultPlaylistId, existing == null ? null : existing.createdAt(), existing == null ? null : existing.updatedAt());
    }

    private static void requireAdmin(Staff actor) {
        if (!actor.isAdmin()) {
            throw ProblemException.forbidden("screenGroup.forbidden");
        }
    }
}
