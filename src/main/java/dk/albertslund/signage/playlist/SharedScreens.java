package dk.albertslund.signage.playlist;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The screens that play a playlist, by schedule or by default, and share their airtime
 * between institutions (docs/ARCHITECTURE.md, "Fair airtime"): on those the playlist's
 * order holds only within each institution. Told by the feature above this one that knows
 * schedules and screens, so the playlist page can say so.
 */
public interface SharedScreens {

    /** By screen name; none when no screen that plays the playlist shares its airtime. */
    List<ScreenShares> sharingAirtime(long playlistId);

    /**
     * A screen with its shares as set, largest first ("Skolerne 40 %"); {@code group} is the
     * name of the group they come from, null when the screen sets its own.
     */
    record ScreenShares(String slug, String name, @Nullable String group, List<Share> shares) {
    }

    record Share(String institution, int percent) {
    }
}
