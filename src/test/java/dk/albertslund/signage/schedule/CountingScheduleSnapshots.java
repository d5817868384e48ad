package dk.albertslund.signage.schedule;

import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenGroupService;
import dk.albertslund.signage.screen.ScreenService;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The real snapshot reads, each one noted with the thread that asked for it, in the
 * contexts of test classes that set {@link #PROPERTY}: how many reads a change costs.
 */
@Singleton
@Replaces(ScheduleSnapshots.class)
@Requires(env = "test")
@Requires(property = CountingScheduleSnapshots.PROPERTY, value = "true")
public class CountingScheduleSnapshots extends ScheduleSnapshots {

    public static final String PROPERTY = "test.count-snapshot-reads";

    /** One read: "all" (every screen's) or "screen" (one screen's), and the thread's name. */
    public record Read(String what, String thread) {
    }

    private final List<Read> reads = new CopyOnWriteArrayList<>();

    CountingScheduleSnapshots(ScheduleEntryRepository entries, ScreenService screens, ScreenGroupService groups,
                              PlaylistService playlists, AnnouncementService announcements) {
        super(entries, screens, groups, playlists, announcements);
    }

    @Override
    public ScheduleSnapshot all() {
        reads.add(new Read("all", Thread.currentThread().getName()));
        return super.all();
    }

    @Override
    public ScheduleSnapshot forScreen(Screen screen) {
        reads.add(new Read("screen", Thread.currentThread().getName()));
        return super.forScreen(screen);
    }

    /** The reads since the last call, oldest first. */
    public List<Read> takeReads() {
        List<Read> taken = List.copyOf(reads);
        reads.removeAll(taken);
        return taken;
    }
}
