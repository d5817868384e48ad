package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.golink.GoLinks;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.schedule.ScheduleResolver;
import dk.albertslund.signage.schedule.ScheduleSnapshots;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenAirtime;
import dk.albertslund.signage.screen.ScreenService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.function.BiFunction;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import jakarta.annotation.PreDestroy;
import java.util.stream.Collectors;
import dk.albertslund.signage.core.DatabaseStatus;
import dk.albertslund.signage.core.Sha256;
import dk.albertslund.signage.core.UnavailableException;
import dk.albertslund.signage.schedule.ScheduleSnapshot;
import java.util.ArrayList;

/**
 * Every screen's manifest, built once per change and kept in memory as ready-to-send
 * bytes with their ETag. A manifest holds until its next change instant or until content
 * changes (see {@link #refreshHeld}); answering a kiosk from here, including every 304,
 * reads neither the database nor the resolver.
 */
@Singleton
public class Manifests {

    /**
     * A built manifest: the bytes a kiosk gets, their strong ETag, and until when they hold.
     * Only the bytes are kept, not the {@link Manifest} they came from: with one manifest per
     * screen held for as long as it is valid, the objects would cost several times the bytes.
     */
    public record Built(long screenId, boolean emergency, byte[] body, String etag, Instant validUntil,
                        List<Long> announcementIds, boolean recorded) {
        boolean validAt(Instant now) {
            return now.isBefore(validUntil);
        }
    }

    private final Map<Long, Built> built = new ConcurrentHashMap<>();
    private final ScreenService screens;
    private final ScheduleSnapshots snapshots;
    private final InstitutionService institutions;
    private final MediaService media;
    private final SignageConfiguration configuration;
    private final JsonMapper json;
    private final Clock clock;
    private final SentAnnouncements sent;
    private final DatabaseStatus database;
    private final GoLinks goLinks;
    private final ScreenAirtime airtime;

    Manifests(ScreenService screens, ScheduleSnapshots snapshots, InstitutionService institutions, MediaService media,
              SignageConfiguration configuration, JsonMapper json, Clock clock, SentAnnouncements sent,
              DatabaseStatus database, GoLinks goLinks, ScreenAirtime airtime) {
        this.airtime = airtime;
        this.goLinks = goLinks;
        this.database = database;
        this.sent = sent;
        this.screens = screens;
        this.snapshots = snapshots;
        this.institutions = institutions;
        this.media = media;
        this.configuration = configuration;
        this.json = json;
        this.clock = clock;
    }

    /** The current manifest when one is built and still valid; never touches the database. */
    public @Nullable Built cached(long screenId) {
        Built current = built.get(screenId);
        return current != null && current.validAt(clock.instant()) ? current : null;
    }

    /**
     * The current manifest, built now if it is missing or has expired. Reads the database:
     * not on the event loop. While the database is away it is built from the last campus
     * snapshot this server holds (docs/OPERATIONS.md), so a manifest whose next change
     * falls inside an outage still changes on time.
     */
    public Built current(long screenId) {
        Built current = cached(screenId);
        if (current != null) {
            return current;
        }
        if (!database.available()) {
            return fromMemory(screenId);
        }
        try {
            Built fresh = fromCampus(screenId);
            return fresh != null ? fresh : rebuild(screenId);
        } catch (RuntimeException e) {
            if (!database.failed(e)) {
                throw e;
            }
            return fromMemory(screenId);
        }
    }

    /**
     * The manifest built from the campus read at the last change, while that read is
     * current and holds the screen: a kiosk's first manifest then costs no read but the
     * note of what it was sent, so thousands of kiosks connecting at once (a server
     * starting, a network coming back) do not queue for the pool with ~7 queries each.
     * Null when the campus is not known to be current: the caller reads the database.
     */
    private @Nullable Built fromCampus(long screenId) {
        Campus known = campus;
        Screen screen = known == null || !current(known) ? null : known.screens().get(screenId);
        if (screen == null) {
            return null;
        }
        Instant now = clock.instant();
        Built fresh = assemble(screen, known.resolver(), known.resolver().now(screenId, now), known.institutions(),
                ids -> mediaOf(known, ids), goLinks::codes, known.shares().getOrDefault(screenId, Map.of()), now);
        if (!fresh.recorded()) {
            recordSent(Map.of(screenId, fresh), now);
        }
        if (campus != known || !current(known)) {
            // content changed while building: read it again. A refresh that read the new
            // campus after this check rebuilds this manifest too, since it is held by now.
            return null;
        }
        return built.getOrDefault(screenId, fresh);
    }

    /**
     * True when a change has come since the campus in memory was read and no refresh is
     * reading it again (a change committed here is counted once more after its
     * notification may already have been heard): the next check reads it.
     */
    boolean campusBehind() {
        Campus known = campus;
        return known != null && !current(known);
    }

    /** True when this server holds any kiosk's manifest. */
    boolean holdsAny() {
        return !built.isEmpty();
    }

    /** True when a manifest this server holds has reached its next change instant. */
    public boolean anyExpired() {
        Instant now = clock.instant();
        return built.values().stream().anyMatch(b -> !b.validAt(now));
    }

    /** A screen whose manifest is now different. */
    public record Change(long screenId, String etag, boolean emergencyChanged) {
    }

    /** Screens rebuilt together: one resolver period, one insert of what was sent, one push. */
    static final int BATCH = 250;

    private volatile @Nullable ExecutorService rebuilders;

    /**
     * Content changed, or a manifest reached its next change instant: this server's
     * manifests are built again, and only those (each server builds for the kiosks it
     * holds). After a change of content the campus is read once (one snapshot read for the
     * whole burst of changes, however many screens) and every held manifest is built from
     * it; otherwise only the manifests whose next change instant has come, from the campus
     * already read. While the database is away, from the campus in memory
     * (docs/OPERATIONS.md). Screens go in batches of {@link #BATCH} on several threads, and
     * each batch's changed manifests go to {@code changed} as soon as that batch is built,
     * so the first kiosks hear of a change before the last manifests are built. An
     * unchanged manifest keeps its ETag and is not passed on. Returns when every batch is done.
     */
    public void refreshHeld(Consumer<List<Change>> changed) {
        Campus known = campus;
        boolean contentChanged = known == null || !current(known);
        boolean fromDatabase = database.available();
        if (fromDatabase && contentChanged) {
            try {
                Campus before = known;
                known = readCampus(changes.get());
                campus = known;
                // a change counted twice (heard, and committed here) reads the same campus again: nothing to rebuild
                contentChanged = before == null || !before.sameContent(known);
            } catch (RuntimeException e) {
                if (!database.failed(e)) {
                    throw e;
                }
                fromDatabase = false;
            }
        }
        if (known == null) {
            return; // nothing read yet and the database away: kiosks keep what they have
        }
        Instant now = clock.instant();
        List<Long> due = contentChanged && fromDatabase ? List.copyOf(built.keySet())
                : built.entrySet().stream().filter(e -> !e.getValue().validAt(now)).map(Map.Entry::getKey).toList();
        ScheduleResolver resolver = known.resolver();
        List<CompletableFuture<Void>> batches = new ArrayList<>();
        for (int from = 0; from < due.size(); from += BATCH) {
            List<Long> batch = due.subList(from, Math.min(due.size(), from + BATCH));
            Campus campusRead = known;
            boolean recording = fromDatabase;
            Runnable build = () -> changed.accept(rebuildBatch(campusRead, resolver, batch, now, recording));
            if (due.size() <= BATCH) {
                build.run();
            } else {
                batches.add(CompletableFuture.runAsync(build, rebuilders()));
            }
        }
        try {
            CompletableFuture.allOf(batches.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * One batch: each screen's answer from the shared resolver, its manifest assembled in
     * memory, and what the changed manifests carry recorded as sent in one statement.
     * Returns the screens whose manifest is different.
     */
    private List<Change> rebuildBatch(Campus known, ScheduleResolver resolver, List<Long> screenIds, Instant now,
                                      boolean fromDatabase) {
        Map<Long, ScheduleResolver.Now> answers = resolver.now(screenIds.stream().filter(known.screens()::containsKey).toList(), now);
        List<Change> changes = new ArrayList<>();
        Map<Long, Built> unrecorded = new HashMap<>();
        for (long screenId : screenIds) {
            Built before = built.get(screenId);
            Screen screen = known.screens().get(screenId);
            if (screen == null) {
                built.remove(screenId);
                continue;
            }
            if (before == null) {
                continue;
            }
            Built after = assemble(screen, resolver, answers.get(screenId), known.institutions(), ids -> mediaOf(known, ids),
                    fromDatabase ? goLinks::codes : goLinks::known, known.shares().getOrDefault(screenId, Map.of()), now);
            changed(screenId, before, after, changes);
            if (fromDatabase && !after.recorded()) {
                unrecorded.put(screenId, after);
            }
        }
        recordSent(unrecorded, now);
        return changes;
    }

    /** Proof of play is taken for what these manifests carry; if the database is away, the next refresh tries again. */
    private void recordSent(Map<Long, Built> unrecorded, Instant now) {
        if (unrecorded.isEmpty()) {
            return;
        }
        try {
            sent.recordAll(unrecorded.entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().announcementIds())), now);
        } catch (RuntimeException e) {
            if (!database.failed(e)) {
                throw e;
            }
            return;
        }
        unrecorded.forEach((screenId, recorded) -> built.computeIfPresent(screenId, (id, b) -> b.etag().equals(recorded.etag())
                ? new Built(id, b.emergency(), b.body(), b.etag(), b.validUntil(), b.announcementIds(), true) : b));
    }

    private static Map<Long, Media> mediaOf(Campus known, Set<Long> ids) {
        Map<Long, Media> found = new HashMap<>();
        for (Long id : ids) {
            Media file = known.media().get(id);
            if (file != null) {
                found.put(id, file);
            }
        }
        return found;
    }

    /** The threads batches are built on, one per core, started at the first refresh that needs them. */
    private ExecutorService rebuilders() {
        ExecutorService pool = rebuilders;
        if (pool == null) {
            synchronized (this) {
                pool = rebuilders;
                if (pool == null) {
                    AtomicInteger count = new AtomicInteger();
                    pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
                        Thread thread = new Thread(r, "manifest-rebuild-" + count.incrementAndGet());
                        thread.setDaemon(true);
                        return thread;
                    });
                    rebuilders = pool;
                }
            }
        }
        return pool;
    }

    @PreDestroy
    void stop() {
        ExecutorService pool = rebuilders;
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    private static void changed(long screenId, Built before, Built after, List<Change> changes) {
        if (!after.etag().equals(before.etag())) {
            changes.add(new Change(screenId, after.etag(), after.emergency() != before.emergency()));
        }
    }

    @Transactional
    public Built rebuild(long screenId) {
        if (campus == null) {
            campus = loadCampus(changes.get());
        }
        return build(screens.findById(screenId).orElseThrow(() -> new IllegalStateException("no screen " + screenId)));
    }

    private Built build(Screen screen) {
        Instant now = clock.instant();
        Map<Long, Institution> byInstitution = new HashMap<>();
        institutions.findAll().forEach(i -> byInstitution.put(i.id(), i));
        Built fresh = assemble(screen, snapshots.forScreen(screen), byInstitution, this::mediaOf, goLinks::codes,
                sharesOf(screens.groupIds(screen.id())).getOrDefault(screen.id(), Map.of()), now);
        if (!fresh.recorded()) {
            sent.record(screen.id(), fresh.announcementIds(), now);
            fresh = new Built(fresh.screenId(), fresh.emergency(), fresh.body(), fresh.etag(), fresh.validUntil(),
                    fresh.announcementIds(), true);
            built.put(screen.id(), fresh);
        }
        return fresh;
    }

    /** The airtime shares each screen plays by (its own, else a group's), institution id → percent. */
    private Map<Long, Map<Long, Integer>> sharesOf(Map<Long, List<Long>> groupIdsByScreen) {
        Map<Long, Map<Long, Integer>> shares = new HashMap<>();
        airtime.applied(groupIdsByScreen, Map.of()).forEach((screenId, applied) -> shares.put(screenId, applied.percents()));
        return shares;
    }

    private Map<Long, Media> mediaOf(Set<Long> mediaIds) {
        return mediaIds.isEmpty() ? Map.of()
                : media.findByIds(mediaIds).stream().collect(Collectors.toMap(Media::id, Function.identity()));
    }

    /**
     * What the database held for every screen when content last changed: enough to build
     * any screen's manifest while the database is away. Screens, entries, playlists,
     * approved messages, institutions and pictures: a few hundred rows on a campus.
     */
    record Campus(ScheduleSnapshot snapshot, Map<Long, Screen> screens, Map<Long, Institution> institutions,
                          Map<Long, Media> media, Map<Long, Map<Long, Integer>> shares, ScheduleResolver resolver,
                          long changesBefore) {

        boolean sameContent(Campus other) {
            return snapshot.equals(other.snapshot) && screens.equals(other.screens) && institutions.equals(other.institutions)
                    && media.equals(other.media) && shares.equals(other.shares);
        }
    }

    private volatile @Nullable Campus campus;
    /**
     * Changes heard or committed here so far. A campus read records the count it began
     * after, and is current while no change has come since: a flag cleared before reading
     * would leave the old campus looking current until the new one is in place.
     */
    private final java.util.concurrent.atomic.AtomicLong changes = new java.util.concurrent.atomic.AtomicLong();

    private boolean current(Campus known) {
        return known.changesBefore() == changes.get();
    }

    /** The campus as the database holds it now, in one transaction. */
    @Transactional
    Campus readCampus(long changesBefore) {
        return loadCampus(changesBefore);
    }

    /** Content changed (through any server): the campus snapshot is read again at the next refresh. */
    void contentChanged() {
        changes.incrementAndGet();
    }

    private Campus loadCampus(long changesBefore) {
        ScheduleSnapshot all = snapshots.all();
        Map<Long, Screen> byScreen = new HashMap<>();
        screens.findAll().forEach(sc -> byScreen.put(sc.id(), sc));
        Map<Long, Institution> byInstitution = new HashMap<>();
        institutions.findAll().forEach(i -> byInstitution.put(i.id(), i));
        Set<Long> mediaIds = all.announcements().stream().map(Announcement::mediaId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return new Campus(all, byScreen, byInstitution, mediaOf(mediaIds), sharesOf(screens.groupIds(null)),
                new ScheduleResolver(all, configuration.getTimeZone()), changesBefore);
    }

    /** The manifest from the campus snapshot in memory; the last one built if there is none. */
    private Built fromMemory(long screenId) {
        Campus known = campus;
        Screen screen = known == null ? null : known.screens().get(screenId);
        if (screen == null) {
            Built last = built.get(screenId);
            if (last == null) {
                throw new UnavailableException("kiosk.manifest.unavailable");
            }
            return last;
        }
        Built fresh = assemble(screen, known.snapshot(), known.institutions(),
                ids -> known.media().entrySet().stream().filter(e -> ids.contains(e.getKey()))
                        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)), goLinks::known,
                known.shares().getOrDefault(screenId, Map.of()), clock.instant());
        // not recorded as sent (proof of play) here: the first build from the database does that
        return fresh;
    }

    private Built assemble(Screen screen, ScheduleSnapshot snapshot, Map<Long, Institution> byInstitution,
                           Function<Set<Long>, Map<Long, Media>> mediaLookup,
                           BiFunction<Long, Collection<Long>, Map<Long, String>> linkCodes, Map<Long, Integer> shares,
                           Instant now) {
        ScheduleResolver resolver = new ScheduleResolver(snapshot, configuration.getTimeZone());
        return assemble(screen, resolver, resolver.now(screen.id(), now), byInstitution, mediaLookup, linkCodes, shares, now);
    }

    /**
     * As above with the resolver's answer for the screen already worked out: a batch
     * refresh asks one resolver for many screens. The resolver is the whole snapshot's, so
     * more of the screen's schedule (a timeline) can be asked of it here.
     */
    private Built assemble(Screen screen, ScheduleResolver resolver, ScheduleResolver.Now answer,
                           Map<Long, Institution> byInstitution, Function<Set<Long>, Map<Long, Media>> mediaLookup,
                           BiFunction<Long, Collection<Long>, Map<Long, String>> linkCodes, Map<Long, Integer> shares,
                           Instant now) {
        long screenId = screen.id();
        List<Announcement> shown = answer.announcements();
        // a touch screen is sent its coming week too (README "Touch kiosk"); other screens are not
        ManifestBuilder.WeekSpan span = ManifestBuilder.WeekSpan.of(now, configuration.getTimeZone());
        List<ScheduleResolver.Segment> week = screen.touch() ? resolver.timeline(screenId, span.from(), span.until()) : null;
        Set<Long> mediaIds = shown.stream().map(Announcement::mediaId).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        // a short address per message with a link on this screen, so its scans are counted per screen (docs/LINKS.md)
        List<Long> linked = java.util.stream.Stream.concat(shown.stream(),
                        week == null ? java.util.stream.Stream.empty() : week.stream().flatMap(s -> s.announcements().stream()))
                .filter(a -> a.link() != null).map(Announcement::id).distinct().toList();
        Map<Long, String> shortAddresses = new HashMap<>();
        if (!linked.isEmpty()) {
            linkCodes.apply(screenId, linked).forEach((id, code) -> shortAddresses.put(id, goLinks.shortAddress(code)));
        }
        Manifest manifest = ManifestBuilder.build(screen, answer, byInstitution, mediaLookup.apply(mediaIds), now,
                configuration.getTimeZone(), shortAddresses, shares, week);
        Built fresh = serialise(screenId, manifest,
                manifest.nextChangeAt() != null ? manifest.nextChangeAt() : now.plus(ScheduleResolver.HORIZON),
                // what the kiosk is sent: a picture-only message whose file is missing is left out
                manifest.slides().stream().map(Manifest.Slide::id).toList());
        Built previous = built.get(screenId);
        if (previous != null && previous.etag().equals(fresh.etag())) {
            // Same content: keep the bytes already sent under this ETag, so one ETag is always one body.
            fresh = new Built(screenId, previous.emergency(), previous.body(), previous.etag(), fresh.validUntil(),
                    previous.announcementIds(), previous.recorded());
        }
        built.put(screenId, fresh);
        return fresh;
    }

    private Built serialise(long screenId, Manifest manifest, Instant validUntil, List<Long> announcementIds) {
        try {
            // generatedAt differs on every build; the ETag must not, when the content is the same.
            byte[] content = json.writeValueAsBytes(manifest.at(Instant.EPOCH));
            byte[] body = json.writeValueAsBytes(manifest);
            return new Built(screenId, manifest.emergency(), body, "\"" + Sha256.hex(content).substring(0, 32) + "\"", validUntil,
                    announcementIds, false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
