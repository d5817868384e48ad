package dk.albertslund.signage.feed;

import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dk.albertslund.signage.core.Sha256;
import dk.albertslund.signage.announcement.AnnouncementStatus;

/**
 * Applies a parsed feed to its announcements, all in one transaction: each occurrence is
 * created or updated through {@link AnnouncementService#importAnnouncement} (audited, as the
 * feed), an unchanged one is left alone (so an approval stays), and one that is gone or
 * cancelled is archived.
 */
@Singleton
class FeedImportTransaction {

    /** Namespace of the advisory locks that keep two servers from importing one feed at once. */
    private static final int LOCK_SPACE = 0x5fee_d000;
    private static final int PROGRESS_EVERY = 20;
    private static final int MAX_TITLE = 120;
    private static final int MAX_BODY = 5000;

    private final FeedSourceRepository feeds;
    private final FeedItemRepository items;
    private final InstitutionService institutions;
    private final AnnouncementService announcements;
    private final FeedImportStatus status;
    private final FeedImages images;
    private final SignageConfiguration configuration;
    private final JdbcOperations jdbc;

    FeedImportTransaction(FeedSourceRepository feeds, FeedItemRepository items, InstitutionService institutions,
                          AnnouncementService announcements, FeedImportStatus status, FeedImages images,
                          SignageConfiguration configuration, JdbcOperations jdbc) {
        this.feeds = feeds;
        this.items = items;
        this.institutions = institutions;
        this.announcements = announcements;
        this.status = status;
        this.images = images;
        this.configuration = configuration;
        this.jdbc = jdbc;
    }

    private record Key(String uid, String recurrenceId) {
    }

    /** When an event's announcement is on the screens: [from, until). */
    record Window(Instant from, Instant until) {

        static Window of(FeedSource feed, FeedEvent event) {
            if (feed.isCalendar()) {
                Instant until = feed.showUntil().equals("end") && event.end() != null && event.end().isAfter(event.start())
                        ? event.end() : event.start();
                return new Window(event.start().minus(Duration.ofDays(feed.leadTimeDays())), until);
            }
            return new Window(event.start(), event.start().plus(Duration.ofDays(Math.max(1, feed.leadTimeDays()))));
        }

        /** False for an event that is over already: nothing to show, and the publication job archives what it showed. */
        boolean showsAfter(Instant now) {
            return until.isAfter(now) && until.isAfter(from);
        }
    }

    @Transactional
    public FeedService.ImportResult apply(long feedId, List<FeedEvent> events, FeedImages.Pictures pictures,
                                          Instant now, @Nullable String etag, @Nullable String lastModified) {
        boolean locked = jdbc.prepareStatement("SELECT pg_try_advisory_xact_lock(?, ?)", statement -> {
            statement.setInt(1, LOCK_SPACE);
            statement.setInt(2, (int) feedId);
            try (var rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        });
        if (!locked) {
            throw ProblemException.conflict("feed.import.running");
        }
        FeedSource feed = feeds.findById(feedId).orElseThrow(() -> ProblemException.notFound("feed.notFoundById", feedId));
        String institution = institutions.findById(feed.institutionId()).orElseThrow().slug();
        Staff importer = new Staff(0, FeedImages.importer(feed), Set.of(Role.ADMIN), Set.of());
        ItemTemplate template = ItemTemplate.compile(feed.template());
        String target = (feed.autoApprove() ? AnnouncementStatus.APPROVED : AnnouncementStatus.SUBMITTED).value();
        Map<Key, FeedItem> linked = new HashMap<>();
        for (FeedItem item : items.findByFeedId(feedId)) {
            linked.put(new Key(item.uid(), item.recurrenceId()), item);
        }
        Set<Key> seen = new HashSet<>();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        int processed = 0;
        for (FeedEvent event : events) {
            processed++;
            if (processed % PROGRESS_EVERY == 0) {
                status.progress(feedId, pictures.downloads() + processed, pictures.downloads() + events.size());
            }
            Key key = new Key(event.uid(), event.recurrenceId());
            if (!seen.add(key)) {
                continue; // a feed that lists one item twice: the first counts
            }
            Window window = Window.of(feed, event);
            if (!window.showsAfter(now)) {
                continue;
            }
            FeedImages.Outcome picture = event.imageUrl() == null ? null : pictures.outcomes().get(event.imageUrl());
            String slug = "f" + feedId + "-" + Sha256.hex(event.uid() + "\n" + event.recurrenceId()).substring(0, 16);
            AnnouncementService.Command command = new AnnouncementService.Command(slug, institution,
                    cut(event.title().isBlank() ? feed.name() : event.title(), MAX_TITLE),
                    cut(template.render(event, feed.language(), configuration.getTimeZone()), MAX_BODY),
                    feed.language(), null, feed.category(), List.of("feed"), picture == null ? null : picture.sha256(),
                    window.from().toString(), window.until().toString(),
                    feed.durationSeconds());
            String hash = Sha256.hex(command + "\n" + target);
            FeedItem link = linked.get(key);
            if (link != null && link.contentHash().equals(hash)) {
                unchanged++;
                continue;
            }
            announcements.importAnnouncement(importer, command, target);
            long announcementId = announcements.find(slug).orElseThrow().id();
            if (link == null) {
                items.save(new FeedItem(null, feedId, event.uid(), event.recurrenceId(), announcementId, event.start(), event.end(), hash));
                created++;
            } else {
                items.update(new FeedItem(link.id(), feedId, event.uid(), event.recurrenceId(), announcementId, event.start(),
                        event.end(), hash));
                updated++;
            }
        }
        int archived = 0;
        for (Map.Entry<Key, FeedItem> entry : linked.entrySet()) {
            if (seen.contains(entry.getKey())) {
                continue;
            }
            archive(importer, entry.getValue());
            items.delete(entry.getValue());
            archived++;
        }
        images.remember(feedId, pictures.outcomes(), now);
        int total = events.size();
        feeds.updateSuccess(feedId, "ok", now, etag, lastModified, total, total);
        return new FeedService.ImportResult("ok", created, updated, archived, unchanged, null, null);
    }

    /** A cancelled or vanished event: its announcement leaves the screens but stays on record. */
    private void archive(Staff importer, FeedItem item) {
        announcements.find(item.announcementId()).ifPresent(a -> {
            if (!a.status().equals(AnnouncementStatus.ARCHIVED.value())) {
                announcements.importAnnouncement(importer, a.command(), AnnouncementStatus.ARCHIVED.value());
            }
        });
    }

    private static String cut(String text, int max) {
        String s = text.strip();
        return s.length() <= max ? s : s.substring(0, max - 1).strip() + "…";
    }

}
