package dk.albertslund.signage.kiosk;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Collection;

/**
 * Which messages each screen's manifests have carried. Proof of play is taken only for
 * those: a device token, taken from a kiosk or made up by whoever paired one, must not be
 * able to book plays of messages its screen never showed, which the reports would then
 * count as airtime.
 */
@Singleton
class SentAnnouncements {

    private final JdbcOperations jdbc;

    SentAnnouncements(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The messages of a manifest just built for this screen. Runs inside the build's transaction. */
    void record(long screenId, Collection<Long> announcementIds, Instant at) {
        if (announcementIds.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("""
                INSERT INTO screen_sent_announcement (screen_id, announcement_id, last_sent_at)
                SELECT ?, sent.id, ? FROM unnest(?::bigint[]) AS sent(id)
                ON CONFLICT (screen_id, announcement_id) DO UPDATE SET last_sent_at = excluded.last_sent_at""", statement -> {
            statement.setLong(1, screenId);
            statement.setObject(2, at.atOffset(ZoneOffset.UTC));
            statement.setArray(3, statement.getConnection().createArrayOf("bigint", announcementIds.toArray()));
            return statement.executeUpdate();
        });
    }
}
