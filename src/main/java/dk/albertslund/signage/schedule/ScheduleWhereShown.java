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
import java.util.HashMap;
import java.util.HashSet;
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
    public Map<Long, List<Place>> during(Collection<Announcement> messages, Instant from, Instant to) {
        Set<Long> ids = messages.stream().map(Announcement::id).collect(Collectors.toSet());
        ScheduleSnapshot actual = snapshots.all();
        // the snapshot holds what is approved; the versions join it as if they were
        List<Announcement> announcements = new ArrayList<>(actual.announcements().stream()
                .filter(a -> !ids.contains(a.id())).toList());
        messages.forEach(m -> announcements.add(m.inStatus(AnnouncementStatus.APPROVED)));
        ScheduleSnapshot asIfApproved = new ScheduleSnapshot(actual.entries(), actual.screens(), actual.groups(),
                actual.playlists(), announcements);
        ScheduleResolver resolver = new ScheduleResolver(asIfApproved, times.zone());
        Map<Long, Screen> byId = screens.findAll().stream().collect(Collectors.toMap(Screen::id, Function.identity()));
        Map<Long, List<Place>> places = new HashMap<>();
        ids.forEach(id -> places.put(id, new ArrayList<>()));
        for (ScheduleSnapshot.Screen screen : asIfApproved.screens()) {
            Set<Long> found = new HashSet<>();
            for (ScheduleResolver.Segment segment : resolver.timeline(screen.id(), from, to)) {
                for (Announcement a : segment.announcements()) {
                    if (ids.contains(a.id()) && found.add(a.id())) {
                        places.get(a.id()).add(new Place(screen.slug(), byId.get(screen.id()).name(), segment.start()));
                    }
                }
            }
        }
        places.values().forEach(list -> list.sort(Comparator.comparing(Place::from).thenComparing(Place::screenName)));
        return places;
    }
}
