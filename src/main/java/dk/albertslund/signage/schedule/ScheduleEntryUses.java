package dk.albertslund.signage.schedule;

import dk.albertslund.signage.core.InUse;
import dk.albertslund.signage.playlist.PlaylistUsers;
import dk.albertslund.signage.screen.ScreenUsers;
import jakarta.inject.Singleton;

import java.util.List;

/** The schedule entries that play a playlist or aim at a screen or group, named before either may be deleted. */
@Singleton
class ScheduleEntryUses implements PlaylistUsers, ScreenUsers {

    private final ScheduleEntryRepository entries;

    ScheduleEntryUses(ScheduleEntryRepository entries) {
        this.entries = entries;
    }

    @Override
    public List<InUse> usesOfPlaylist(long playlistId) {
        return List.of(entries(entries.findSlugByPlaylistIdOrderBySlug(playlistId)));
    }

    @Override
    public List<InUse> usesOfScreen(long screenId) {
        return List.of(entries(entries.findSlugByTargetScreenIdOrderBySlug(screenId)));
    }

    @Override
    public List<InUse> usesOfGroup(long groupId) {
        return List.of(entries(entries.findSlugByTargetGroupIdOrderBySlug(groupId)));
    }

    @Override
    public int getOrder() {
        return 0;
    }

    private static InUse entries(List<String> slugs) {
        return new InUse("inUse.scheduleEntry", "inUse.scheduleEntries", slugs);
    }
}
