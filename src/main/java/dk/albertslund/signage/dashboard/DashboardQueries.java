package dk.albertslund.signage.dashboard;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.announcement.AnnouncementStatus;
import dk.albertslund.signage.announcement.WhereShown;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.kiosk.ManifestBuilder;
import dk.albertslund.signage.media.AnnouncementsShowingMedia;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaIntegrity;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenService;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The dashboard's counts and lists about announcements, asked of the announcement feature.
 * Approved announcements are public to every staff member, so the expiring list needs no
 * per-person filter; the number waiting for approval is shown to approvers only.
 */
@Singleton
class DashboardQueries {

    private static final int MAX_EXPIRING = 50;

    private final AnnouncementService announcements;
    private final InstitutionService institutions;
    private final MediaIntegrity integrity;
    private final AnnouncementsShowingMedia showing;
    private final WhereShown whereShown;
    private final ScreenService screens;

    DashboardQueries(AnnouncementService announcements, InstitutionService institutions, MediaIntegrity integrity,
                     AnnouncementsShowingMedia showing, WhereShown whereShown, ScreenService screens) {
        this.announcements = announcements;
        this.institutions = institutions;
        this.integrity = integrity;
        this.showing = showing;
        this.whereShown = whereShown;
        this.screens = screens;
    }

    /** A media file the check found missing or corrupt, and the messages that show it. */
    record MediaProblem(Media file, List<Affected> messages) {
    }

    /**
     * A message showing a broken file, and the screens (names) on which it plays in the
     * window: as text only, or left out because it is a picture-only message there.
     */
    record Affected(String slug, String title, List<String> textOnlyOn, List<String> leftOutOn) {
    }

    /**
     * The files with a problem, each with the messages that use it and what the screens
     * playing them in [from, to) show instead (as {@link ManifestBuilder} decides it).
     * Only approved messages are on screens; the others are listed with no screen.
     */
    List<MediaProblem> mediaProblems(Instant from, Instant to) {
        List<Media> files = integrity.problems();
        if (files.isEmpty()) {
            return List.of();
        }
        Map<Long, List<String>> slugsByFile = new HashMap<>();
        files.forEach(f -> slugsByFile.put(f.id(), showing.announcementsShowing(f.id())));
        List<Announcement> using = announcements.findBySlugs(slugsByFile.values().stream().flatMap(List::stream).toList());
        Map<String, Announcement> bySlug = using.stream().collect(Collectors.toMap(Announcement::slug, Function.identity()));
        Map<Long, List<WhereShown.Place>> places = whereShown.during(
                using.stream().filter(a -> a.status() == AnnouncementStatus.APPROVED).toList(), from, to);
        Map<String, Screen> screensBySlug = screens.findAll().stream().collect(Collectors.toMap(Screen::slug, Function.identity()));
        Map<Long, Media> byId = files.stream().collect(Collectors.toMap(Media::id, Function.identity()));
        List<MediaProblem> problems = new ArrayList<>();
        for (Media file : files) {
            List<Affected> affected = new ArrayList<>();
            for (String slug : slugsByFile.get(file.id())) {
                Announcement message = bySlug.get(slug);
                if (message == null) {
                    continue;
                }
                List<String> textOnly = new ArrayList<>();
                List<String> leftOut = new ArrayList<>();
                for (WhereShown.Place place : places.getOrDefault(message.id(), List.of())) {
                    Screen screen = screensBySlug.get(place.screen());
                    boolean dropped = screen != null && ManifestBuilder.pictureOnlyWithoutPicture(message, screen.languages(), byId);
                    (dropped ? leftOut : textOnly).add(place.screenName());
                }
                affected.add(new Affected(message.slug(), message.title(), textOnly, leftOut));
            }
            problems.add(new MediaProblem(file, affected));
        }
        return problems;
    }

    /** An approved announcement whose publish window ends soon. */
    record Expiring(String slug, String title, String institution, Instant until) {
    }

    long waitingForApproval() {
        return announcements.countWaitingForApproval();
    }

    /** Approved announcements whose window ends in [from, to), soonest first. */
    List<Expiring> expiring(Instant from, Instant to) {
        Map<Long, String> names = new HashMap<>();
        institutions.findAll().forEach(i -> names.put(i.id(), i.name()));
        return announcements.approvedEndingBetween(from, to).stream().limit(MAX_EXPIRING)
                .map(a -> new Expiring(a.slug(), a.title(), names.getOrDefault(a.institutionId(), ""), a.publishUntil()))
                .toList();
    }
}
