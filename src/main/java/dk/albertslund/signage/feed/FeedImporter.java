package dk.albertslund.signage.feed;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One import of one feed: fetch (outside any transaction: other people's servers can be
 * slow), parse, fetch the events' images that are new (also outside), then apply everything
 * in one transaction. Whatever fails is stored on the
 * feed with when and, for a parse error, the line; the announcements of the last good
 * import stay untouched.
 */
@Singleton
class FeedImporter {

    private static final Logger LOG = LoggerFactory.getLogger(FeedImporter.class);

    private final FeedSourceRepository feeds;
    private final FeedItemRepository items;
    private final FeedFetcher fetcher;
    private final FeedImportTransaction transaction;
    private final FeedImages images;
    private final FeedImportStatus status;
    private final FeedSettings settings;
    private final SignageConfiguration configuration;

    FeedImporter(FeedSourceRepository feeds, FeedItemRepository items, FeedFetcher fetcher, FeedImportTransaction transaction,
                 FeedImages images, FeedImportStatus status, FeedSettings settings, SignageConfiguration configuration) {
        this.feeds = feeds;
        this.items = items;
        this.fetcher = fetcher;
        this.transaction = transaction;
        this.images = images;
        this.status = status;
        this.settings = settings;
        this.configuration = configuration;
    }

    /** Imports the feed as of {@code now}; a feed deleted meanwhile is left alone. */
    FeedService.ImportResult run(long feedId, Instant now) {
        FeedSource feed = feeds.findById(feedId).orElse(null);
        if (feed == null) {
            return new FeedService.ImportResult("deleted", 0, 0, 0, 0, null, null);
        }
        status.started(feedId, now);
        try {
            String etag = feed.etag();
            String lastModified = feed.lastModified();
            String text;
            byte[] bytes;
            if (feed.kind() == FeedKind.ICS_FILE) {
                if (feed.uploadedContent() == null) {
                    throw new FeedParseException(Message.of("feed.import.noFile"), null);
                }
                text = feed.uploadedContent();
                bytes = text.getBytes(StandardCharsets.UTF_8);
            } else {
                FeedFetcher.Fetched fetched = fetcher.fetch(feed.url(), etag, lastModified);
                if (fetched instanceof FeedFetcher.NotModified) {
                    int linked = (int) items.countByFeedId(feedId);
                    status.unchanged(feedId, now, etag, lastModified, linked);
                    return new FeedService.ImportResult("unchanged", 0, 0, 0, linked, null, null);
                }
                FeedFetcher.Body body = (FeedFetcher.Body) fetched;
                bytes = body.bytes();
                text = new String(bytes, StandardCharsets.UTF_8);
                etag = body.etag();
                lastModified = body.lastModified();
            }
            List<FeedEvent> events = feed.isCalendar()
                    ? new IcsParser(configuration.getTimeZone()).parse(text, now, now.plus(settings.getHorizon()))
                    : new RssParser().parse(bytes);
            // progress counts each download, then each event
            FeedImages.Pictures pictures = images.resolve(feed, events,
                    event -> FeedImportTransaction.Window.of(feed, event).showsAfter(now),
                    (done, of) -> status.progress(feedId, done, of + events.size()));
            return transaction.apply(feedId, events, pictures, now, etag, lastModified);
        } catch (FeedFetcher.FetchFailed e) {
            return failed(feed, e.reason(), null, now);
        } catch (FeedParseException e) {
            return failed(feed, e.reason(), e.line(), now);
        } catch (ProblemException e) {
            if (e.status() == 409) {
                throw e;
            }
            return failed(feed, Message.of("feed.import.itemRefused", describe(e)), null, now);
        } catch (RuntimeException e) {
            LOG.warn("The import of the feed '{}' failed", feed.slug(), e);
            return failed(feed, Message.verbatim(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), null, now);
        }
    }

    private FeedService.ImportResult failed(FeedSource feed, Message error, Integer line, Instant now) {
        status.failed(feed.id(), error, line, now);
        LOG.info("The import of the feed '{}' failed: {}{}", feed.slug(), error.english(), line == null ? "" : " (line " + line + ")");
        return new FeedService.ImportResult("failed", 0, 0, 0, 0, error.english(), line);
    }

    /** What the announcement service refused, as the API words it (stored as one argument, so in English). */
    private static String describe(ProblemException e) {
        return e.errors().isEmpty() ? e.getMessage()
                : e.errors().stream().map(f -> f.field() + " " + f.message().english()).collect(Collectors.joining("; "));
    }
}
