package dk.albertslund.signage.media;

import java.util.List;

/**
 * Which announcements show a media file, so a file in use is not deleted from under
 * them. Announcements sit above media in the stack (docs/ARCHITECTURE.md), so media asks
 * through this and the announcement feature answers.
 */
public interface AnnouncementsShowingMedia {

    /** The slugs of the announcements showing this file, sorted. */
    List<String> announcementsShowing(long mediaId);
}
