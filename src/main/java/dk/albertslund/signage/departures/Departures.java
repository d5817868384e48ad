package dk.albertslund.signage.departures;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.ContentChangesHeard;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.feed.FeedFetcher;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * The station's next trains: fetches the timetable and the realtime news (each by its
 * clustered job, so once per interval in the whole cluster), stores them for every server,
 * and answers the board at an instant from what is stored. The fetch is the event feeds'
 * ({@link FeedFetcher}): the same address rules, with caps of its own.
 */
@Singleton
public class Departures {

    private static final Logger LOG = LoggerFactory.getLogger(Departures.class);
    /** The change bus kind of new departures (only the departures' readers listen for it). */
    public static final String CHANGE = DepartureStore.CHANGE;
    private static final Set<String> RELEVANT = Set.of(CHANGE);

    /** What staff see of the departures: what came last, and what went wrong. */
    public record Status(boolean enabled, String stopId, @Nullable String stopName, int stopTimes,
                         @Nullable Instant timetableFetchedAt, @Nullable Instant timetableCheckedAt,
                         @Nullable Message timetableProblem, @Nullable Instant timetableProblemAt,
                         boolean realtimeConfigured, @Nullable Instant realtimeAt, boolean realtimeFresh,
                         @Nullable Message realtimeProblem, @Nullable Instant realtimeProblemAt) {
    }

    /** What is stored, decoded once per change rather than per kiosk request. */
    private record Loaded(@Nullable Timetable timetable, @Nullable Realtime realtime) {
    }

    private final DepartureSettings settings;
    private final DepartureStore store;
    private final FeedFetcher fetcher;
    private final SignageConfiguration configuration;
    private volatile Loaded loaded;
    /** Counts the departures stored anew, so an answer built from the old ones can be told apart. */
    private final java.util.concurrent.atomic.AtomicLong version = new java.util.concurrent.atomic.AtomicLong();

    Departures(DepartureSettings settings, DepartureStore store, FeedFetcher fetcher, SignageConfiguration configuration) {
        this.settings = settings;
        this.store = store;
        this.fetcher = fetcher;
        this.configuration = configuration;
    }

    public DepartureSettings settings() {
        return settings;
    }

    /** Changes with every new set of stored departures: a board at the same instant and version is the same board. */
    public long version() {
        return version.get();
    }

    /** The board at {@code now}; not available when switched off or nothing was ever fetched. */
    public DepartureBoard.Board board(Instant now) {
        if (!settings.isEnabled()) {
            return DepartureBoard.at(null, null, now, settings.getStaleAfter(), settings.getCount(), configuration.getTimeZone());
        }
        Loaded data = load();
        return DepartureBoard.at(data.timetable(), data.realtime(), now, settings.getStaleAfter(), settings.getCount(),
                configuration.getTimeZone());
    }

    private Loaded load() {
        Loaded data = loaded;
        if (data == null) {
            Timetable timetable = store.find(DepartureStore.Kind.TIMETABLE)
                    .filter(s -> s.data() != null && settings.getStopId().equals(s.stopId()))
                    .map(s -> Timetable.decode(s.data())).orElse(null);
            Realtime realtime = store.find(DepartureStore.Kind.REALTIME)
                    .filter(s -> s.data() != null && settings.getStopId().equals(s.stopId()))
                    .map(s -> Realtime.decode(s.data())).orElse(null);
            data = new Loaded(timetable, realtime);
            loaded = data;
        }
        return data;
    }

    /** New departures were stored (through any server): read them again on the next board. */
    @EventListener
    void onChangesHeard(ContentChangesHeard heard) {
        if (heard.mayConcern(RELEVANT)) {
            loaded = null;
            version.incrementAndGet();
        }
    }

    /** Fetches the timetable unless the server says it has not changed; what the job runs. */
    public void fetchTimetable(Instant now) {
        if (!settings.isEnabled() || settings.getTimetableUrl().isEmpty()) {
            return;
        }
        DepartureStore.Source last = store.find(DepartureStore.Kind.TIMETABLE).orElse(null);
        // validators only for the stop they were fetched for: another stop needs a fresh read
        boolean sameStop = last != null && last.data() != null && settings.getStopId().equals(last.stopId());
        try {
            FeedFetcher.Fetched fetched = fetcher.fetch(settings.getTimetableUrl(), sameStop ? last.etag() : null,
                    sameStop ? last.lastModified() : null, new FeedFetcher.Limits(settings.getTimetableMaxBytes(),
                            settings.getTotalTimeout(), "application/zip, */*;q=0.5"));
            if (fetched instanceof FeedFetcher.Body body) {
                Timetable timetable = GtfsReader.read(body.bytes(), settings.getStopId());
                store.saved(DepartureStore.Kind.TIMETABLE, settings.getStopId(), timetable.encode(), now, now,
                        body.etag(), body.lastModified());
                LOG.info("Departures: the timetable has {} departures from {} ({})", timetable.stopTimes().size(),
                        timetable.stopName(), settings.getStopId());
            } else {
                store.unchanged(DepartureStore.Kind.TIMETABLE, now);
            }
        } catch (FeedFetcher.FetchFailed e) {
            failed(DepartureStore.Kind.TIMETABLE, last, e.reason(), now);
        } catch (GtfsReader.NotGtfs e) {
            failed(DepartureStore.Kind.TIMETABLE, last, Message.of("departures.timetable.unreadable", e.getMessage()), now);
        }
    }

    /** Fetches the realtime news about the stored timetable's trips; what the job runs. */
    public void fetchRealtime(Instant now) {
        if (!settings.isEnabled() || settings.getRealtimeUrl().isEmpty()) {
            return;
        }
        Timetable timetable = load().timetable();
        if (timetable == null) {
            return; // news about trips we cannot name is no use; the timetable comes first
        }
        DepartureStore.Source last = store.find(DepartureStore.Kind.REALTIME).orElse(null);
        try {
            FeedFetcher.Fetched fetched = fetcher.fetch(settings.getRealtimeUrl(), null, null,
                    new FeedFetcher.Limits(settings.getRealtimeMaxBytes(), settings.getTotalTimeout(),
                            "application/x-protobuf, application/octet-stream, */*;q=0.5"));
            if (fetched instanceof FeedFetcher.Body body) {
                Realtime realtime = RealtimeReader.read(body.bytes(), timetable.tripIds(), now);
                store.saved(DepartureStore.Kind.REALTIME, settings.getStopId(), realtime.encode(), realtime.at(), now, null, null);
                if (last != null && last.problem() != null) {
                    LOG.info("Departures: realtime news arrives again");
                }
            } else {
                store.unchanged(DepartureStore.Kind.REALTIME, now);
            }
        } catch (FeedFetcher.FetchFailed e) {
            failed(DepartureStore.Kind.REALTIME, last, e.reason(), now);
        } catch (RealtimeReader.NotRealtime e) {
            failed(DepartureStore.Kind.REALTIME, last, Message.of("departures.realtime.unreadable", e.getMessage()), now);
        }
    }

    private void failed(DepartureStore.Kind kind, @Nullable DepartureStore.Source last, Message problem, Instant now) {
        // logged when the problem starts or changes, not on every 30 s failure
        if (last == null || !problem.equals(last.problem())) {
            LOG.warn("Departures: the {} could not be fetched: {}", kind.column(), problem.english());
        }
        store.failed(kind, problem, now);
    }

    public Status status(Instant now) {
        DepartureStore.Source timetable = store.find(DepartureStore.Kind.TIMETABLE).orElse(null);
        DepartureStore.Source realtime = store.find(DepartureStore.Kind.REALTIME).orElse(null);
        Loaded data = load();
        return new Status(settings.isEnabled(), settings.getStopId(),
                data.timetable() == null ? null : data.timetable().stopName(),
                data.timetable() == null ? 0 : data.timetable().stopTimes().size(),
                timetable == null ? null : timetable.fetchedAt(), timetable == null ? null : timetable.checkedAt(),
                timetable == null ? null : timetable.problem(), timetable == null ? null : timetable.problemAt(),
                !settings.getRealtimeUrl().isEmpty(), data.realtime() == null ? null : data.realtime().at(),
                DepartureBoard.isFresh(data.realtime(), now, settings.getStaleAfter()),
                realtime == null ? null : realtime.problem(), realtime == null ? null : realtime.problemAt());
    }

    /** How often kiosks ask for the board: often enough that news reaches them within one realtime fetch. */
    public Duration kioskPoll() {
        return settings.getKioskPoll();
    }
}
