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
import java.util.function.Function;
import java.util.stream.Collectors;
import dk.albertslund.signage.core.DatabaseStatus;
import dk.albertslund.signage.core.Sha256;
import dk.albertslund.signage.core.UnavailableException;
import dk.albertslund.signage.schedule.ScheduleSnapshot;
import java.util.ArrayList;

/**
 * Every screen's manifest, built once per change and kept in memory as ready-to-send
 * bytes with their ETag. A manifest holds until its next change instant or until content
 * changes (see {@link #invalidateAll}); answering a kiosk from here, including every 304,
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
            return rebuild(screenId);
        } catch (RuntimeException e) {
            if (!database.failed(e)) {
                throw e;
            }
            return fromMemory(screenId);
        }
    }

    /** True when a manifest this server holds has reached its next change instant. */
    public boolean anyExpired() {
        Instant now = clock.instant();
        return built.values().stream().anyMatch(b -> !b.validAt(now));
    }

    /** A screen whose manifest is now different. */
    public record Change(long screenId, String etag, boolean emergencyChanged) {
    }

    /**
     * Content or time moved on: every manifest this server holds is built again now, from
     * the database, or while it is away from the last campus snapshot in memory. Returns
     * the screens whose manifest is different, so their kiosks can be told.
     */
    public List<Change> refreshAll() {
        if (database.available()) {
            try {
                return refreshAllFromDatabase();
            } catch (RuntimeException e) {
                if (!database.failed(e)) {
                    throw e;
                }
            }
        }
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<Long, Built> entry : Map.copyOf(built).entrySet()) {
            if (!entry.getValue().validAt(clock.instant())) {
                Built after = fromMemory(entry.getKey());
                changed(entry.getKey(), entry.getValue(), after, changes);
            }
        }
        return changes;
    }

    @Transactional
    List<Change> refreshAllFromDatabase() {
        List<Change> changes = new ArrayList<>();
        for (Map.Entry<Long, Built> entry : Map.copyOf(built).entrySet()) {
            Built before = entry.getValue();
            Screen screen = screens.findById(entry.getKey()).orElse(null);
            if (screen == null) {
                built.remove(entry.getKey());
                continue;
            }
            changed(entry.getKey(), before, build(screen), changes);
        }
        if (campusStale || campus == null) {
            // read again only when content changed: a manifest reaching its next change
            // instant changes nothing the snapshot holds
            campusStale = false;
            campus = loadCampus();
        }
        return changes;
    }

    private static void changed(long screenId, Built before, Built after, List<Change> changes) {
        if (!after.etag().equals(before.etag())) {
            changes.add(new Change(screenId, after.etag(), after.emergency() != before.emergency()));
        }
    }

    @Transactional
    public Built rebuild(long screenId) {
        if (campus == null) {
            campus = loadCampus();
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
    private record Campus(ScheduleSnapshot snapshot, Map<Long, Screen> screens, Map<Long, Institution> institutions,
                          Map<Long, Media> media, Map<Long, Map<Long, Integer>> shares) {
    }

    private volatile @Nullable Campus campus;
    private volatile boolean campusStale;

    /** Content changed (through any server): the campus snapshot is read again at the next refresh. */
    void contentChanged() {
        campusStale = true;
    }

    private Campus loadCampus() {
        ScheduleSnapshot all = snapshots.all();
        Map<Long, Screen> byScreen = new HashMap<>();
        screens.findAll().forEach(sc -> byScreen.put(sc.id(), sc));
        Map<Long, Institution> byInstitution = new HashMap<>();
        institutions.findAll().forEach(i -> byInstitution.put(i.id(), i));
        Set<Long> mediaIds = all.announcements().stream().map(Announcement::mediaId).filter(java.util.Objects::nonNull)
                .collect(Collectors.toSet());
        return new Campus(all, byScreen, byInstitution, mediaOf(mediaIds), sharesOf(screens.groupIds(null)));
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
        long screenId = screen.id();
        ScheduleResolver resolver = new ScheduleResolver(snapshot, configuration.getTimeZone());
        ScheduleResolver.Now answer = resolver.now(screenId, now);
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
