package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.schedule.ScheduleResolver;
import dk.albertslund.signage.screen.Screen;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Turns the resolver's answer for a screen into the kiosk's manifest. Plain Java: the
 * caller brings the answer, the institutions and media it refers to, and the instant.
 */
public final class ManifestBuilder {

    /** Shown when an announcement's institution has vanished between reads. */
    private static final Manifest.Institution UNKNOWN = new Manifest.Institution("", "#1d3557");

    private ManifestBuilder() {
    }

    public static Manifest build(Screen screen, ScheduleResolver.Now answer, Map<Long, Institution> institutions,
                                 Map<Long, Media> media, Instant generatedAt) {
        List<Manifest.Slide> slides = answer.announcements().stream()
                .map(a -> slide(a, institutions.get(a.institutionId()), a.mediaId() == null ? null : media.get(a.mediaId())))
                .toList();
        return new Manifest(
                new Manifest.ScreenInfo(screen.slug(), screen.name(), screen.orientation(), screen.layout(),
                        List.copyOf(screen.languages()), screen.widthPx(), screen.heightPx()),
                generatedAt, answer.nextChange(), answer.reason().kind() == ScheduleResolver.Kind.EMERGENCY, slides);
    }

    private static Manifest.Slide slide(Announcement announcement, Institution institution, Media file) {
        Manifest.MediaFile mediaFile = file == null ? null
                : new Manifest.MediaFile(file.url(), file.sha256(), file.bytes(), file.contentType(), file.width(), file.height());
        String kind = file == null ? "text" : file.contentType().startsWith("video/") ? "video" : "image";
        return new Manifest.Slide(announcement.id(), kind, announcement.title(), announcement.bodyHtml(), announcement.language(),
                announcement.durationSeconds(), announcement.publishUntil(),
                institution == null ? UNKNOWN : new Manifest.Institution(institution.name(), institution.colour()), mediaFile);
    }
}
