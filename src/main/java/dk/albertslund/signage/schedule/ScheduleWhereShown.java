package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementStatus;
import dk.albertslund.signage.announcement.WhereShown;
import dk.albertslund.signage.core.CampusTime;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenService;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Answers "where will this message show?" with the resolver, over the whole campus's schedule. */
@Singleton
class ScheduleWhereShown implements WhereShown {

    private final ScheduleSnapshots snapshots;
    private final ScreenService screens;
    private final CampusTime times;

    ScheduleWhereShown(ScheduleSnapshots snapshots, ScreenService screens, CampusTime times) {
        this.snapshots = snapshots;
        this.screens = screens;
        this.times = times;
    }

    @Override
    @Transactional
    public List<Place> during(Collection<Announcement> versions, Instant from, Instant to) {
        Set<Long> ids = versions.stream().map(Announcement::id).collect(Collectors.toSet());
        ScheduleSnapshot actual = snapshots.all();
        // the snapshot holds what is approved; the versions join it as if they were
        List<Announcement> announcements = new ArrayList<>(actual.announcements().stream()
                .filter(a -> !ids.contains(a.id())).toList());
        versions.forEach(v -> announcements.add(v.inStatus(AnnouncementStatus.APPROVED)));
        ScheduleSnapshot asIfApproved = new ScheduleSnapshot(actual.entries(), actual.screens(), actual.groups(),
                actual.playlists(), announcements);
        ScheduleResolver resolver = new ScheduleResolver(asIfApproved, times.zone());
        Map<Long, Screen> byId = screens.findAll().stream().collect(Collectors.toMap(Screen::id, Function.identity()));
        List<Place> places = new ArrayList<>();
        for (ScheduleSnapshot.Screen screen : asIfApproved.screens()) {
            resolver.timeline(screen.id(), from, to).stream()
                    .filter(segment -> segment.announcements().stream().anyMatch(a -> ids.contains(a.id())))
                    .findFirst()
                    .ifPresent(segment -> places.add(new Place(screen.slug(), byId.get(screen.id()).name(), segment.start())));
        }
        places.sort(Comparator.comparing(Place::from).thenComparing(Place::screenName));
        return places;
    }
}
