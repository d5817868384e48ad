package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.playlist.Playlist;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.playlist.PlaylistSelection;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
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
    private final ScreenService screens;
    private final ScreenGroupService groups;
    private final PlaylistService playlists;
    private final AnnouncementService announcements;

    ScheduleSnapshots(ScheduleEntryRepository entries, ScreenService screens, ScreenGroupService groups,
                      PlaylistService playlists, AnnouncementService announcements) {
        this.entries = entries;
        this.screens = screens;
        this.groups = groups;
        this.playlists = playlists;
        this.announcements = announcements;
    }

    /** Everything, for every screen. */
    @Transactional
    public ScheduleSnapshot all() {
        Map<Long, List<Long>> memberships = screens.groupIds(null);
        List<ScheduleSnapshot.Screen> screenList = new ArrayList<>();
        for (Screen screen : screens.findAll()) {
            screenList.add(screen(screen, memberships));
        }
        return assemble(entries.findAll(), screenList, null);
    }

    /** What one screen's answers depend on: its entries (its own, its groups', all screens'), and what they play. */
    @Transactional
    public ScheduleSnapshot forScreen(Screen screen) {
        ScheduleSnapshot.Screen scheduled = screen(screen, screens.groupIds(screen.id()));
        List<Long> groupIds = scheduled.groupIds();
        PredicateSpecification<ScheduleEntry> aimedAtIt = (root, cb) -> groupIds.isEmpty()
                ? cb.or(cb.equal(root.get("targetKind"), TargetKind.ALL.value()), cb.equal(root.get("targetScreenId"), screen.id()))
                : cb.or(cb.equal(root.get("targetKind"), TargetKind.ALL.value()), cb.equal(root.get("targetScreenId"), screen.id()),
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
        entryList.stream().filter(e -> e.target() == TargetKind.GROUP).forEach(e -> groupIds.add(e.targetId()));
        List<Playlist> playlistRows = playlistIds == null ? playlists.findAll() : playlists.findByIds(playlistIds);
        Map<Long, List<Long>> items = playlists.itemIds(playlistRows.stream().map(Playlist::id).toList());
        Map<Long, PlaylistSelection.Rule> rules = playlists.rules(playlistRows);
        List<ScheduleSnapshot.Playlist> playlistList = playlistRows.stream()
                .map(p -> new ScheduleSnapshot.Playlist(p.id(), p.slug(), items.getOrDefault(p.id(), List.of()), rules.get(p.id())))
                .toList();
        return new ScheduleSnapshot(entryList, screenList, groups(groupIds), playlistList, announcements.approved());
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
        return groups.findByIds(ids).stream()
                .map(g -> new ScheduleSnapshot.Group(g.id(), g.slug(), g.defaultPlaylistId())).toList();
    }
}
