package dk.albertslund.signage.retention;

import java.time.Duration;
import java.time.Instant;

/**
 * One kind of record that is deleted once it has been of no use for long enough. A
 * feature adds one by making a bean of this type; the nightly retention job runs them all.
 * How long the records are kept is the setting {@code signage.retention.<name>}.
 */
public interface RetentionPolicy {

    /** Lowercase words and hyphens, e.g. {@code api-tokens}; also the name of its setting. */
    String name();

    /** How long the records are kept unless the setting says otherwise. */
    Duration defaultPeriod();

    /**
     * Deletes the records that stopped mattering before {@code cutoff} (used, expired or
     * revoked then, or simply written then); returns how many. Deleting again finds none.
     */
    int prune(Instant cutoff);
}
