package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.playlist.PlaylistSelection;

import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Everything {@link ScheduleResolver} looks at, read at one moment: the schedule entries,
 * the screens with their groups, the groups, the playlists and the announcements. Plain
 * data, so the resolver can be tested and benchmarked without a database.
 */
public record ScheduleSnapshot(List<Entry> entries, List<Screen> screens, List<Group> groups, List<Playlist> playlists,
                               List<Announcement> announcements) {

    public ScheduleSnapshot {
        entries = List.copyOf(entries);
        screens = List.copyOf(screens);
        groups = List.copyOf(groups);
        playlists = List.copyOf(playlists);
        announcements = List.copyOf(announcements);
    }

    /**
     * A schedule entry: {@code playlistId} plays on its target during the windows of {@code rule}.
     *
     * @param targetId the screen's or group's id; null for {@link TargetKind#ALL}
     */
    public record Entry(long id, String slug, TimeRule rule, TargetKind target, Long targetId, int priority,
                        boolean emergency, Instant createdAt, long playlistId) {

        /** Reads a stored entry. */
        public static Entry of(ScheduleEntry entry) {
            TargetKind target = entry.targetKind();
            Long targetId = switch (target) {
                case SCREEN -> entry.targetScreenId();
                case GROUP -> entry.targetGroupId();
                case ALL -> null;
            };
            return new Entry(entry.id(), entry.slug(), entry.timeRule(), target, targetId, entry.priority(),
                    entry.kind() == EntryKind.EMERGENCY, entry.createdAt(), entry.playlistId());
        }

        /** Aimed at this screen: at it, at one of its groups, or at all screens. */
        public boolean aimsAt(long screenId, Collection<Long> groupIds) {
            return switch (target) {
                case SCREEN -> targetId == screenId;
                case GROUP -> groupIds.contains(targetId);
                case ALL -> true;
            };
        }

        /** Aimed at every screen of this group: at the group, or at all screens. */
        public boolean aimsAtGroup(long groupId) {
            return target == TargetKind.ALL || target == TargetKind.GROUP && targetId == groupId;
        }
    }

    /**
     * A screen as scheduling sees it.
     *
     * @param groupIds its groups, in the order in which their default playlists are tried
     * @param defaultPlaylistId what plays when nothing is scheduled; may be null
     * @param languages the languages it plays, in the order translations follow each other
     */
    public record Screen(long id, String slug, List<Long> groupIds, Long defaultPlaylistId, List<String> languages) {
        public Screen {
            groupIds = List.copyOf(groupIds);
            languages = List.copyOf(languages);
        }
    }

    /** A screen group and the playlist its screens fall back to (may be null). */
    public record Group(long id, String slug, Long defaultPlaylistId) {
    }

    /** A playlist: its items (announcement ids in order) and its rule with institutions resolved. */
    public record Playlist(long id, String slug, List<Long> itemIds, PlaylistSelection.Rule rule) {
        public Playlist {
            itemIds = List.copyOf(itemIds);
        }
    }
}
