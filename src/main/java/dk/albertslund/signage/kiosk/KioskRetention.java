package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.retention.RetentionPolicy;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.time.Instant;

/** How long kiosk records that are no longer of use are kept (see {@link RetentionPolicy}). */
@Factory
class KioskRetention {

    /**
     * Heartbeats older than 30 days, except each device's latest (the screen's status shows
     * it): enough to look back on a month of a kiosk's health without keeping it forever.
     */
    @Singleton
    @Named("heartbeats")
    RetentionPolicy heartbeats(HeartbeatService heartbeats) {
        return policy("heartbeats", Duration.ofDays(30), heartbeats::prune);
    }

    /** Pairing requests that expired more than a day ago, claimed or not: the device and the audit log keep what matters. */
    @Singleton
    @Named("pairings")
    RetentionPolicy pairings(PairingService pairings) {
        return policy("pairings", Duration.ofDays(1), pairings::prune);
    }

    private static RetentionPolicy policy(String name, Duration period, java.util.function.ToLongFunction<Instant> prune) {
        return new RetentionPolicy() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Duration defaultPeriod() {
                return period;
            }

            @Override
            public int prune(Instant cutoff) {
                return Math.toIntExact(prune.applyAsLong(cutoff));
            }
        };
    }
}
