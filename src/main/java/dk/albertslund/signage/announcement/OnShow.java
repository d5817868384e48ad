package dk.albertslund.signage.announcement;

import java.time.Instant;

/**
 * The one rule of what may reach a screen or an outward feed (docs/ARCHITECTURE.md, "On
 * show"): an announcement is on show at an instant when it is approved and the instant
 * lies inside its publish window [from, until), either end open when unset. The database
 * is only ever asked for approved announcements; this decides the window, for the
 * resolver, the playlists, the outward feeds, the dashboard and emergencies alike.
 */
public final class OnShow {

    private OnShow() {
    }

    public static boolean at(Announcement announcement, Instant at) {
        return announcement.status() == AnnouncementStatus.APPROVED
                && inWindow(announcement.publishFrom(), announcement.publishUntil(), at);
    }

    /** {@code at} is inside [from, until); a missing end is open. */
    public static boolean inWindow(Instant from, Instant until, Instant at) {
        return (from == null || !at.isBefore(from)) && (until == null || at.isBefore(until));
    }
}
