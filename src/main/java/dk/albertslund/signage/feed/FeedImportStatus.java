package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;

/**
 * The feed row's import state, written in transactions of their own: progress must be
 * visible while the import's own transaction is still open, and a failure must be kept
 * when that transaction is rolled back.
 */
@Singleton
class FeedImportStatus {

    private final FeedSourceRepository feeds;

    FeedImportStatus(FeedSourceRepository feeds) {
        this.feeds = feeds;
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void started(long feedId, Instant at) {
        feeds.updateProgress(feedId, at, 0, 0);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void progress(long feedId, int processed, int total) {
        feeds.updateCount(feedId, processed, total);
    }

    /** Stores why as a message key and its arguments, worded when shown (see {@link FeedSource#failure}). */
    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void failed(long feedId, Message error, @Nullable Integer line, Instant at) {
        feeds.updateFailure(feedId, error.key(), FeedSource.storedArgs(error), line, at);
    }

    @Transactional(propagation = TransactionDefinition.Propagation.REQUIRES_NEW)
    public void unchanged(long feedId, Instant at, @Nullable String etag, @Nullable String lastModified, int items) {
        feeds.updateSuccess(feedId, "unchanged", at, etag, lastModified, items, items);
    }
}
