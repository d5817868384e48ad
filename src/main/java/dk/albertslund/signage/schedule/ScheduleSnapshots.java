package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementRepository;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionRepository;
import dk.albertslund.signage.playlist.Playlist;
import dk.albertslund.signage.playlist.PlaylistRepository;
import dk.albertslund.signage.playlist.PlaylistSelection;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenGroupRepository;
import dk.albertslund.signage.screen.ScreenRepository;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.data.repository.jpa.criteria.PredicateSpecification;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a {@link ScheduleSnapshot} from the database in a fixed handful of queries,
 * whatever the number of screens, entries or playlists: for one screen (what its
 * timeline needs) or for all of them (what recomputing every screen needs).
 *
 * <p>Only approved announcements are read: nothing else can reach a screen, and the
 * resolver checks the status again anyway.
 */
@Singleton
public class ScheduleSnapshots {

    private final ScheduleEntryRepository entries;
    private final ScreenRepository screens;
    private final ScreenGroupRepository groups;
    private final PlaylistRepository playlists;
    private final AnnouncementRepository announcements;
    private final InstitutionRepository institutions;
    private final JdbcOperations jdbc;

    ScheduleSnapshots(ScheduleEntryRepository entries, ScreenRepository screens, ScreenGroupRepository groups,
                      PlaylistRepository playlists, AnnouncementRepository announcements, InstitutionRepository institutions,
                      JdbcOperations jdbc) {
        this.entries = entries;
        this.screens = screens;
        this.groups = groups;
        this.playlists = playlists;
        this.announcements = announcements;
        this.institutions = institutions;
        this.jdbc = jdbc;
    }

    /** Everything, for every screen. */
    @Transactional
    public ScheduleSnapshot all() {
        Map<Long, List<Long>> memberships = memberships(null);
        List<ScheduleSnapshot.Screen> screenList = new ArrayList<>();
        for (Screen screen : screens.findAll()) {
            screenList.add(screen(screen, memberships));
        }
        return assemble(entries.findAll(), screenList, null);
    }

    /** What one screen's answers depend on: its entries (its own, its groups', all screens'), and what they play. */
    @Transactional
    public ScheduleSnapshot forScreen(Screen screen) {
        ScheduleSnapshot.Screen scheduled = screen(screen, memberships(screen.id()));
        List<Long> groupIds = scheduled.groupIds();
        PredicateSpecification<ScheduleEntry> aimedAtIt = (root, cb) -> groupIds.isEmpty()
                ? cb.or(cb.equal(root.get("targetKind"), "all"), cb.equal(root.get("targetScreenId"), screen.id()))
                : cb.or(cb.equal(root.get("targetKind"), "all"), cb.equal(root.get("targetScreenId"), screen.id()),
                        root.get("targetGroupId").in(groupIds));
        List<ScheduleEntry> relevant = entries.findAll(aimedAtIt);
        Set<Long> playlistIds = new HashSet<>();
        relevant.forEach(e -> playlistIds.add(e.playlistId()));
        if (screen.defaultPlaylistId() != null) {
            playlistIds.add(screen.defaultPlaylistId());
        }
        List<ScheduleSnapshot.Group> groupList = groups(groupIds);
        groupList.stream().filter(g -> g.defaultPlaylistId() != null).forEach(g -> playlistIds.add(g.defaultPlaylistId()));
        return assemble(relevant, List.of(scheduled), playlistIds);
    }

    /** The snapshot from these entries and screens; {@code playlistIds} null means every playlist. */
    private ScheduleSnapshot assemble(Iterable<ScheduleEntry> entryRows, List<ScheduleSnapshot.Screen> screenList,
                                      Collection<Long> playlistIds) {
        List<ScheduleSnapshot.Entry> entryList = new ArrayList<>();
        entryRows.forEach(e -> entryList.add(ScheduleSnapshot.Entry.of(e)));
        Set<Long> groupIds = new LinkedHashSet<>();
        screenList.forEach(s -> groupIds.addAll(s.groupIds()));
        entryList.stream().filter(e -> e.target() == ScheduleSnapshot.Target.GROUP).forEach(e -> groupIds.add(e.targetId()));
        List<Playlist> playlistRows = playlistIds == null ? playlists.findAll()
                : playlistIds.isEmpty() ? List.of() : playlists.findAll((root, cb) -> root.get("id").in(playlistIds));
        Map<Long, List<Long>> items = items(playlistRows.stream().map(Playlist::id).toList());
        Map<String, Long> institutionIds = new HashMap<>();
        for (Institution institution : institutions.findAll()) {
            institutionIds.put(institution.slug(), institution.id());
        }
        List<ScheduleSnapshot.Playlist> playlistList = playlistRows.stream()
                .map(p -> new ScheduleSnapshot.Playlist(p.id(), p.slug(), items.getOrDefault(p.id(), List.of()), rule(p, institutionIds)))
                .toList();
        List<Announcement> approved = announcements.findAll((root, cb) -> cb.equal(root.get("status"), "approved"));
        return new ScheduleSnapshot(entryList, screenList, groups(groupIds), playlistList, approved);
    }

    private static ScheduleSnapshot.Screen screen(Screen screen, Map<Long, List<Long>> memberships) {
        // Groups in the order they were created: the oldest group's default is tried first.
        return new ScheduleSnapshot.Screen(screen.id(), screen.slug(), memberships.getOrDefault(screen.id(), List.of()),
                screen.defaultPlaylistId(), screen.languages());
    }

    private List<ScheduleSnapshot.Group> groups(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return groups.findByIdIn(ids).stream()
                .map(g -> new ScheduleSnapshot.Group(g.id(), g.slug(), g.defaultPlaylistId())).toList();
    }

    /**
     * The playlist's rule with institutions resolved, as playlists select: institutions named
     * in the rule that no longer exist match nothing, and if none exists the rule matches nothing.
     */
    private static PlaylistSelection.Rule rule(Playlist playlist, Map<String, Long> institutionIds) {
        Set<Long> ids = new HashSet<>();
        playlist.ruleInstitutions().stream().map(institutionIds::get).filter(java.util.Objects::nonNull).forEach(ids::add);
        if (!playlist.ruleInstitutions().isEmpty() && ids.isEmpty()) {
            return PlaylistSelection.Rule.NONE;
        }
        return new PlaylistSelection.Rule(Set.copyOf(playlist.ruleCategories()), ids, Set.copyOf(playlist.ruleTags()));
    }

    /** Group ids by screen id, oldest group first; of one screen, or of all when {@code screenId} is null. */
    private Map<Long, List<Long>> memberships(Long screenId) {
        String sql = "SELECT screen_id, group_id FROM screen_group_member"
                + (screenId == null ? "" : " WHERE screen_id = ?") + " ORDER BY screen_id, group_id";
        return jdbc.prepareStatement(sql, statement -> {
            if (screenId != null) {
                statement.setLong(1, screenId);
            }
            return pairs(statement);
        });
    }

    /** Announcement ids by playlist id, in playlist order. */
    private Map<Long, List<Long>> items(List<Long> playlistIds) {
        if (playlistIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement(
                "SELECT playlist_id, announcement_id FROM playlist_item WHERE playlist_id = ANY(?) ORDER BY playlist_id, position",
                statement -> {
                    statement.setArray(1, statement.getConnection().createArrayOf("bigint", playlistIds.toArray()));
                    return pairs(statement);
                });
    }

    private static Map<Long, List<Long>> pairs(java.sql.PreparedStatement statement) throws java.sql.SQLException {
        Map<Long, List<Long>> result = new HashMap<>();
        try (var rows = statement.executeQuery()) {
            while (rows.next()) {
                result.computeIfAbsent(rows.getLong(1), id -> new ArrayList<>()).add(rows.getLong(2));
            }
        }
        return result;
    }
}
