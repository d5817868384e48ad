package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.schedule.ScheduleResolver;
import dk.albertslund.signage.schedule.ScheduleSnapshots;
import dk.albertslund.signage.screen.Screen;
import dk.albertslund.signage.screen.ScreenService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import dk.albertslund.signage.core.Sha256;

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
    public record Built(long screenId, boolean emergency, byte[] body, String etag, Instant validUntil) {
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

    Manifests(ScreenService screens, ScheduleSnapshots snapshots, InstitutionService institutions, MediaService media,
              SignageConfiguration configuration, JsonMapper json, Clock clock, SentAnnouncements sent) {
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

    /** The current manifest, built now if it is missing or has expired. Reads the database: not on the event loop. */
    public Built current(long screenId) {
        Built current = cached(screenId);
        return current != null ? current : rebuild(screenId);
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
     * Content or time moved on: every manifest this server holds is built again now.
     * Returns the screens whose manifest is different, so their kiosks can be told.
     */
    @Transactional
    public List<Change> refreshAll() {
        List<Change> changes = new java.util.ArrayList<>();
        for (Map.Entry<Long, Built> entry : Map.copyOf(built).entrySet()) {
            Built before = entry.getValue();
            Screen screen = screens.findById(entry.getKey()).orElse(null);
            if (screen == null) {
                built.remove(entry.getKey());
                continue;
            }
            Built after = build(screen);
            if (!after.etag().equals(before.etag())) {
                changes.add(new Change(entry.getKey(), after.etag(),
                        after.emergency() != before.emergency()));
            }
        }
        return changes;
    }

    @Transactional
    public Built rebuild(long screenId) {
        return build(screens.findById(screenId).orElseThrow(() -> new IllegalStateException("no screen " + screenId)));
    }

    private Built build(Screen screen) {
        long screenId = screen.id();
        Instant now = clock.instant();
        ScheduleResolver.Now answer = new ScheduleResolver(snapshots.forScreen(screen), configuration.getTimeZone()).now(screenId, now);
        List<Announcement> shown = answer.announcements();
        Map<Long, Institution> byInstitution = new HashMap<>();
        institutions.findAll().forEach(i -> byInstitution.put(i.id(), i));
        Set<Long> mediaIds = shown.stream().map(Announcement::mediaId).filter(java.util.Objects::nonNull).collect(Collectors.toSet());
        Map<Long, Media> byMedia = mediaIds.isEmpty() ? Map.of()
                : media.findByIds(mediaIds).stream().collect(Collectors.toMap(Media::id, Function.identity()));
        Manifest manifest = ManifestBuilder.build(screen, answer, byInstitution, byMedia, now, configuration.getTimeZone());
        Built fresh = serialise(screenId, manifest,
                manifest.nextChangeAt() != null ? manifest.nextChangeAt() : now.plus(ScheduleResolver.HORIZON));
        Built previous = built.get(screenId);
        if (previous != null && previous.etag().equals(fresh.etag())) {
            // Same content: keep the bytes already sent under this ETag, so one ETag is always one body.
            fresh = new Built(screenId, previous.emergency(), previous.body(), previous.etag(), fresh.validUntil());
        } else {
            sent.record(screenId, shown.stream().map(Announcement::id).toList(), now);
        }
        built.put(screenId, fresh);
        return fresh;
    }

    private Built serialise(long screenId, Manifest manifest, Instant validUntil) {
        try {
            // generatedAt differs on every build; the ETag must not, when the content is the same.
            byte[] content = json.writeValueAsBytes(new Manifest(manifest.screen(), Instant.EPOCH, manifest.nextChangeAt(),
                    manifest.emergency(), manifest.slides()));
            byte[] body = json.writeValueAsBytes(manifest);
            return new Built(screenId, manifest.emergency(), body, "\"" + Sha256.hex(content).substring(0, 32) + "\"", validUntil);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
