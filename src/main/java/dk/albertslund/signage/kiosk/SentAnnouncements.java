package dk.albertslund.signage.kiosk;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

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

    /**
     * The messages of many screens' manifests built together (screen id → message ids), in
     * one statement: after a change reaches thousands of screens, one round trip rather than
     * one per screen.
     */
    @Transactional
    void recordAll(Map<Long, ? extends Collection<Long>> announcementIdsByScreen, Instant at) {
        List<Long> screenIds = new ArrayList<>();
        List<Long> announcementIds = new ArrayList<>();
        announcementIdsByScreen.forEach((screenId, ids) -> ids.stream().distinct().forEach(id -> {
            screenIds.add(screenId);
            announcementIds.add(id);
        }));
        if (screenIds.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("""
                INSERT INTO screen_sent_announcement (screen_id, announcement_id, last_sent_at)
                SELECT sent.screen_id, sent.announcement_id, ? FROM unnest(?::bigint[], ?::bigint[]) AS sent(screen_id, announcement_id)
                ON CONFLICT (screen_id, announcement_id) DO UPDATE SET last_sent_at = excluded.last_sent_at""", statement -> {
            statement.setObject(1, at.atOffset(ZoneOffset.UTC));
            statement.setArray(2, statement.getConnection().createArrayOf("bigint", screenIds.toArray()));
            statement.setArray(3, statement.getConnection().createArrayOf("bigint", announcementIds.toArray()));
            return statement.executeUpdate();
        });
    }
}
