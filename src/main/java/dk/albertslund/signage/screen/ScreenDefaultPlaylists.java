package dk.albertslund.signage.screen;

import dk.albertslund.signage.core.InUse;
import dk.albertslund.signage.playlist.PlaylistUsers;
import jakarta.inject.Singleton;

import java.util.List;

/** Screens and groups that fall back to a playlist, named before the playlist may be deleted. */
@Singleton
class ScreenDefaultPlaylists implements PlaylistUsers {

    private final ScreenRepository screens;
    private final ScreenGroupRepository groups;

    ScreenDefaultPlaylists(ScreenRepository screens, ScreenGroupRepository groups) {
        this.screens = screens;
        this.groups = groups;
    }

    @Override
    public List<InUse> usesOfPlaylist(long playlistId) {
        return List.of(
                new InUse("inUse.screenDefault", "inUse.screensDefault",
                        screens.findSlugByDefaultPlaylistIdOrderBySlug(playlistId)),
                new InUse("inUse.groupDefault", "inUse.groupsDefault",
                        groups.findSlugByDefaultPlaylistIdOrderBySlug(playlistId)));
    }

    @Override
    public int getOrder() {
        return 1;
    }
}
