package dk.albertslund.signage.publicfeed;

import com.rometools.rome.feed.synd.SyndContentImpl;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndEntryImpl;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.feed.synd.SyndFeedImpl;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SyndFeedOutput;
import dk.albertslund.signage.core.ContentChanged;
import dk.albertslund.signage.core.ContentChangesHeard;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.LanguageVersion;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.feed.FeedService;
import dk.albertslund.signage.feed.StartsIn;
import dk.albertslund.signage.institution.Institution;
import dk.albertslund.signage.institution.InstitutionService;
import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.playlist.PlaylistService;
import dk.albertslund.signage.schedule.ScheduleEntryService;
import dk.albertslund.signage.screen.ScreenGroup;
import dk.albertslund.signage.screen.ScreenGroupService;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.transaction.annotation.Transactional;
import io.micronaut.transaction.annotation.TransactionalEventListener;
import jakarta.inject.Singleton;
import net.fortuna.ical4j.data.CalendarOutputter;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.component.VEvent;
import net.fortuna.ical4j.model.property.Description;
import net.fortuna.ical4j.model.property.Location;
import net.fortuna.ical4j.model.property.ProdId;
import net.fortuna.ical4j.model.property.Uid;
import net.fortuna.ical4j.model.property.immutable.ImmutableCalScale;
import net.fortuna.ical4j.model.property.immutable.ImmutableVersion;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import dk.albertslund.signage.core.Sha256;

/**
 * The approved announcements on show now, per institution, screen group or category, as
 * RSS, iCalendar and JSON for the institutions' websites. Each answer is built once and
 * kept in memory with a strong ETag until content changes through this or any other server
 * on the database (heard on the change channel), or, for windows that open or close, for
 * at most {@link #FRESH}.
 */
@Singleton
public class PublicFeeds {

    static final Duration FRESH = Duration.ofMinutes(1);
    private static final Pattern TAGS = Pattern.compile("<[^>]*>");
    /** Tags inside a line of text: gone without a space, so "<strong>entry</strong>." stays "entry.". */
    private static final Pattern INLINE_TAGS = Pattern.compile("</?(a|abbr|b|code|em|i|mark|s|small|span|strong|sub|sup|u)(\\s[^>]*)?>");

    /** What a scope of the outward feeds is, as its URL says it. */
    public enum Scope { INSTITUTION, GROUP, CATEGORY }

    public enum Format {
        RSS("application/rss+xml; charset=utf-8"),
        ICS("text/calendar; charset=utf-8"),
        JSON("application/json");

        final String contentType;

        Format(String contentType) {
            this.contentType = contentType;
        }
    }

    /** Ready-to-send bytes, their ETag and until when they hold. */
    public record Rendered(byte[] body, String etag, String contentType, Instant validUntil) {
    }

    /** Every field written, empty or not, as in every other API view (a one-language message has {@code translations: []}). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JsonFeed(String title, String url, Instant generatedAt, List<JsonItem> items) {
    }

    /** One message; {@code translations} its words in further languages (docs/MESSAGES.md). */
    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JsonItem(String id, String title, String text, String html, String language, List<JsonText> translations,
                           String category, String institution, @Nullable Instant publishFrom, @Nullable Instant publishUntil,
                           @Nullable Instant startsAt, @Nullable Instant endsAt, @Nullable String image) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record JsonText(String language, String title, String text, String html) {
    }

    private record Item(long id, String slug, String title, String html, String language, List<LanguageVersion> translations,
                        String category,
                        String institutionSlug, String institutionName, @Nullable Instant from, @Nullable Instant until,
                        @Nullable Instant startsAt, @Nullable Instant endsAt, @Nullable String mediaUrl, @Nullable Instant updatedAt) {
    }

    private final Map<String, Rendered> cache = new ConcurrentHashMap<>();
    /** Counts the clearings, so an answer built from data read before a change is not kept after it. */
    private final AtomicLong generation = new AtomicLong();
    private final AnnouncementService announcements;
    private final InstitutionService institutions;
    private final MediaService media;
    private final FeedService feeds;
    private final PlaylistService playlists;
    private final ScreenGroupService groups;
    private final ScheduleEntryService entries;
    private final JsonMapper json;
    private final SignageConfiguration configuration;
    private final Clock clock;

    PublicFeeds(AnnouncementService announcements, InstitutionService institutions, MediaService media, FeedService feeds,
                PlaylistService playlists, ScreenGroupService groups, ScheduleEntryService entries, JsonMapper json,
                SignageConfiguration configuration, Clock clock) {
        this.announcements = announcements;
        this.institutions = institutions;
        this.media = media;
        this.feeds = feeds;
        this.playlists = playlists;
        this.groups = groups;
        this.entries = entries;
        this.json = json;
        this.configuration = configuration;
        this.clock = clock;
    }

    @TransactionalEventListener
    void onContentChanged(ContentChanged change) {
        forget();
    }

    /** A change made through another server (or this one: clearing twice costs nothing). */
    @EventListener
    void onContentChangesHeard(ContentChangesHeard heard) {
        forget();
    }

    private void forget() {
        generation.incrementAndGet();
        cache.clear();
    }

    /** The cached answer, if it still holds; never touches the database. */
    public @Nullable Rendered cached(Scope scope, String slug, Format format) {
        Rendered r = cache.get(key(scope, slug, format));
        return r != null && clock.instant().isBefore(r.validUntil()) ? r : null;
    }

    /** The answer, built now if needed; empty when there is no such institution, group or category. */
    @Transactional
    public Optional<Rendered> get(Scope scope, String slug, Format format) {
        Rendered cached = cached(scope, slug, format);
        if (cached != null) {
            return Optional.of(cached);
        }
        long built = generation.get();
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Optional<String> title = title(scope, slug);
        if (title.isEmpty()) {
            return Optional.empty();
        }
        List<Item> items = items(scope, slug, now);
        String url = configuration.getPublicUrl() + "/feeds/" + scope.name().toLowerCase(java.util.Locale.ROOT) + "/" + slug + "."
                + format.name().toLowerCase(java.util.Locale.ROOT);
        byte[] body = switch (format) {
            case RSS -> rss(title.get(), url, items, now);
            case ICS -> ics(title.get(), items, now);
            case JSON -> json(title.get(), url, items, now);
        };
        Rendered rendered = new Rendered(body, "\"" + Sha256.hex(new String(body, StandardCharsets.UTF_8)).substring(0, 32) + "\"", format.contentType, now.plus(FRESH));
        String key = key(scope, slug, format);
        cache.put(key, rendered);
        if (generation.get() != built) {
            cache.remove(key); // content changed while this was being built: the next request builds it again
        }
        return Optional.of(rendered);
    }

    private static String key(Scope scope, String slug, Format format) {
        return scope + "/" + slug + "/" + format;
    }

    private Optional<String> title(Scope scope, String slug) {
        return switch (scope) {
            case CATEGORY -> AnnouncementService.CATEGORIES.contains(slug) ? Optional.of("Campus Albertslund: " + slug) : Optional.empty();
            case INSTITUTION -> institutions.findBySlug(slug).map(Institution::name);
            case GROUP -> groups.findBySlug(slug).map(ScreenGroup::name);
        };
    }

    /** What is on show now in the scope, oldest publish window first. */
    private List<Item> items(Scope scope, String slug, Instant now) {
        List<Announcement> shown = switch (scope) {
            case INSTITUTION -> {
                long institutionId = institutions.findBySlug(slug).orElseThrow().id();
                yield announcements.onShow(now).stream().filter(a -> a.institutionId() == institutionId).toList();
            }
            case CATEGORY -> announcements.onShow(now).stream().filter(a -> a.category().equals(slug)).toList();
            // what the group's screens can be given: the playlists scheduled for the group or
            // for all screens, and the group's default; their items and what their rules select
            case GROUP -> {
                ScreenGroup group = groups.findBySlug(slug).orElseThrow();
                Set<Long> playlistIds = new HashSet<>();
                entries.aimedAtGroup(group).forEach(e -> playlistIds.add(e.playlistId()));
                if (group.defaultPlaylistId() != null) {
                    playlistIds.add(group.defaultPlaylistId());
                }
                yield playlists.selectedAt(playlistIds, now).stream()
                        .sorted(Comparator.comparing(Announcement::publishFrom, Comparator.nullsFirst(Comparator.naturalOrder()))
                                .thenComparing(Announcement::id))
                        .toList();
            }
        };
        Map<Long, Institution> byInstitution = new HashMap<>();
        institutions.findAll().forEach(i -> byInstitution.put(i.id(), i));
        Map<Long, Media> byMedia = new HashMap<>();
        media.findByIds(shown.stream().map(Announcement::mediaId).filter(Objects::nonNull).collect(Collectors.toSet()))
                .forEach(m -> byMedia.put(m.id(), m));
        Map<Long, FeedService.EventTime> events = feeds.eventTimes(shown.stream().map(Announcement::id).toList());
        return shown.stream().map(a -> {
            Institution institution = byInstitution.get(a.institutionId());
            Media picture = a.mediaId() == null ? null : byMedia.get(a.mediaId());
            FeedService.EventTime event = events.get(a.id());
            return new Item(a.id(), a.slug(), a.title(), a.bodyHtml(), a.language(), a.translations(), a.category(),
                    institution == null ? "" : institution.slug(), institution == null ? "" : institution.name(),
                    a.publishFrom(), a.publishUntil(), event == null ? null : event.startsAt(), event == null ? null : event.endsAt(),
                    picture == null ? null : configuration.getPublicUrl() + picture.url(), a.updatedAt());
        }).toList();
    }

    private String html(Item item, Instant now) {
        return html(item.html(), item.language(), now);
    }

    private String html(String html, String language, Instant now) {
        return StartsIn.render(html, language, now, configuration.getTimeZone());
    }

    private static String text(String html) {
        return TAGS.matcher(INLINE_TAGS.matcher(html).replaceAll("")).replaceAll(" ").replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">")
                .replace("&quot;", "\"").replace("&#39;", "'").replaceAll("\\s+", " ").strip();
    }

    private byte[] rss(String title, String url, List<Item> items, Instant now) {
        SyndFeed feed = new SyndFeedImpl();
        feed.setFeedType("rss_2.0");
        feed.setTitle(title);
        feed.setLink(url);
        feed.setDescription("Announcements on the screens of Campus Albertslund: " + title);
        feed.setPublishedDate(Date.from(now));
        List<SyndEntry> entries = new ArrayList<>();
        for (Item item : items) {
            SyndEntry entry = new SyndEntryImpl();
            entry.setTitle(item.title());
            entry.setUri(configuration.getPublicUrl() + "/announcements/" + item.slug());
            entry.setLink(url);
            if (item.from() != null || item.updatedAt() != null) {
                entry.setPublishedDate(Date.from(item.from() != null ? item.from() : item.updatedAt()));
            }
            SyndContentImpl description = new SyndContentImpl();
            description.setType("text/html");
            description.setValue(html(item, now));
            entry.setDescription(description);
            entries.add(entry);
        }
        feed.setEntries(entries);
        try {
            return new SyndFeedOutput().outputString(feed).getBytes(StandardCharsets.UTF_8);
        } catch (FeedException e) {
            throw new IllegalStateException("The RSS feed could not be written: " + e.getMessage(), e);
        }
    }

    private byte[] ics(String title, List<Item> items, Instant now) {
        Calendar calendar = new Calendar();
        calendar.add(new ProdId("-//Campus Albertslund//Campus Signage//EN"));
        calendar.add(ImmutableVersion.VERSION_2_0);
        calendar.add(ImmutableCalScale.GREGORIAN);
        calendar.add(new net.fortuna.ical4j.model.property.XProperty("X-WR-CALNAME", title));
        String host = java.net.URI.create(configuration.getPublicUrl()).getHost();
        for (Item item : items) {
            // an imported event is shown at its own time; other announcements over their publish window
            Instant start = item.startsAt() != null ? item.startsAt() : item.from() != null ? item.from() : now;
            Instant end = item.startsAt() != null ? (item.endsAt() != null ? item.endsAt() : item.startsAt())
                    : item.until() != null ? item.until() : start;
            VEvent event = new VEvent(start, end, item.title());
            event.add(new Uid(item.slug() + "@" + host));
            event.add(new net.fortuna.ical4j.model.property.DtStamp(item.updatedAt() != null
                    ? item.updatedAt().truncatedTo(ChronoUnit.SECONDS) : now));
            event.add(new Description(text(html(item, now))));
            event.add(new Location(item.institutionName()));
            calendar.add(event);
        }
        StringWriter out = new StringWriter();
        try {
            new CalendarOutputter(false).output(calendar, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private byte[] json(String title, String url, List<Item> items, Instant now) {
        List<JsonItem> out = items.stream().map(i -> new JsonItem(i.slug(), i.title(), text(html(i, now)), html(i, now),
                i.language(), i.translations().stream().map(t -> new JsonText(t.language(), t.title(),
                        text(html(t.bodyHtml(), t.language(), now)), html(t.bodyHtml(), t.language(), now))).toList(), i.category(), i.institutionSlug(), i.from(), i.until(), i.startsAt(), i.endsAt(), i.mediaUrl())).toList();
        try {
            return json.writeValueAsBytes(new JsonFeed(title, url, now, out));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
