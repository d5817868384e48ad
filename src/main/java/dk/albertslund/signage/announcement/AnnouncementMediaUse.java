package dk.albertslund.signage.announcement;

import dk.albertslund.signage.media.AnnouncementsShowingMedia;
import jakarta.inject.Singleton;

import java.util.List;

/** Tells the media feature which announcements show a file, before it deletes one. */
@Singleton
class AnnouncementMediaUse implements AnnouncementsShowingMedia {

    private final AnnouncementRepository announcements;

    AnnouncementMediaUse(AnnouncementRepository announcements) {
        this.announcements = announcements;
    }

    @Override
    public List<String> announcementsShowing(long mediaId) {
        return announcements.findSlugByMediaIdOrderBySlug(mediaId);
    }
}
