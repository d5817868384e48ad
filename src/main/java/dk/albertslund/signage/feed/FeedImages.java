package dk.albertslund.signage.feed;

import dk.albertslund.signage.media.Media;
import dk.albertslund.signage.media.MediaService;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * Turns the images a feed's events point to into media of the feed's institution, so a
 * kiosk gets them like any upload: by sha256 from this server, cached and available
 * offline, never from the institution's website. Each image URL is fetched once per feed
 * (and once for all occurrences of a series); while the URL stays the same and its media
 * is still there, later imports do not fetch it again. An image that cannot be used only
 * costs its event the picture: the reason is kept for the feed's page.
 */
@Singleton
class FeedImages {

    private static final Logger LOG = LoggerFactory.getLogger(FeedImages.class);

    /** What became of one image URL in this import: its media, or why there is none. */
    record Outcome(String url, String eventTitle, @Nullable Media media, @Nullable Message error) {

        @Nullable
        String sha256() {
            return media == null ? null : media.sha256();
        }
    }

    private final FeedImageRepository images;
    private final MediaService mediaService;
    private final FeedFetcher fetcher;

    FeedImages(FeedImageRepository images, MediaService mediaService, FeedFetcher fetcher) {
        this.images = images;
        this.mediaService = mediaService;
        this.fetcher = fetcher;
    }

    /**
     * Fetches and stores what is new, outside the import's transaction (other people's
     * servers can be slow); only the images of events that {@code shown} keeps are looked at.
     */
    Pictures resolve(FeedSource feed, List<FeedEvent> events, Predicate<FeedEvent> shown, Progress progress) {
        Map<String, FeedImage> known = images.findByFeedId(feed.id()).stream()
                .collect(Collectors.toMap(FeedImage::url, i -> i));
        Map<String, String> wanted = new LinkedHashMap<>();
        for (FeedEvent event : events) {
            String url = event.imageUrl();
            if (url != null && !url.isBlank() && !wanted.containsKey(url) && shown.test(event)) {
                wanted.put(url, event.title());
            }
        }
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        List<String> toFetch = new ArrayList<>();
        wanted.forEach((url, title) -> {
            FeedImage image = known.get(url);
            Media stored = image == null || image.mediaId() == null ? null : mediaService.findById(image.mediaId()).orElse(null);
            if (stored != null) {
                outcomes.put(url, new Outcome(url, image.eventTitle(), stored, null));
            } else {
                toFetch.add(url);
            }
        });
        for (int i = 0; i < toFetch.size(); i++) {
            progress.fetched(i, toFetch.size());
            String url = toFetch.get(i);
            outcomes.put(url, fetch(feed, url, wanted.get(url)));
        }
        return new Pictures(outcomes, toFetch.size());
    }

    /** Told before each download, so a first import with many pictures shows how far it is. */
    interface Progress {
        void fetched(int done, int of);
    }

    /** What became of each image URL, and how many were downloaded for it (steps of the import's progress). */
    record Pictures(Map<String, Outcome> outcomes, int downloads) {
    }

    private Outcome fetch(FeedSource feed, String url, String title) {
        try {
            FeedFetcher.Body body = fetcher.fetchImage(url);
            return new Outcome(url, title, mediaService.storeFeedImage(importer(feed), feed.institutionId(), url, title, body.bytes()), null);
        } catch (FeedFetcher.FetchFailed e) {
            LOG.info("An image of the feed '{}' was not used: {} ({})", feed.slug(), e.getMessage(), url);
            return new Outcome(url, title, null, e.reason());
        } catch (ProblemException e) {
            LOG.info("An image of the feed '{}' was not used: {} ({})", feed.slug(), e.getMessage(), url);
            return new Outcome(url, title, null, e.detail());
        } catch (RuntimeException e) {
            LOG.warn("An image of the feed '{}' could not be stored ({})", feed.slug(), url, e);
            return new Outcome(url, title, null, Message.verbatim(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }

    /** In the import's transaction: what each image became, and images no shown event points to any more are forgotten. */
    void remember(long feedId, Map<String, Outcome> outcomes, Instant now) {
        Set<String> kept = new HashSet<>();
        for (FeedImage image : images.findByFeedId(feedId)) {
            Outcome outcome = outcomes.get(image.url());
            if (outcome == null) {
                images.delete(image);
                continue;
            }
            kept.add(image.url());
            FeedImage current = row(image.id(), feedId, outcome, now);
            if (!sameOutcome(image, current)) {
                images.update(current);
            }
        }
        for (Outcome outcome : outcomes.values()) {
            if (!kept.contains(outcome.url())) {
                images.save(row(null, feedId, outcome, now));
            }
        }
    }

    /** The images the last import could not use, for the feed's page. */
    List<FeedImage> problems(long feedId) {
        return images.findFailedByFeedId(feedId);
    }

    static String importer(FeedSource feed) {
        return "feed:" + feed.slug();
    }

    private static FeedImage row(@Nullable Long id, long feedId, Outcome outcome, Instant now) {
        Message error = outcome.error();
        return new FeedImage(id, feedId, outcome.url(), outcome.eventTitle(), outcome.media() == null ? null : outcome.media().id(),
                null, error == null ? null : error.key(), error == null ? List.of() : List.of(FeedSource.storedArgs(error)), now);
    }

    private static boolean sameOutcome(FeedImage a, FeedImage b) {
        return a.eventTitle().equals(b.eventTitle()) && Objects.equals(a.mediaId(), b.mediaId())
                && Objects.equals(a.failure(), b.failure());
    }
}
