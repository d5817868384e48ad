package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Proof of play: kiosks send the slides they actually showed in numbered batches. A batch
 * is taken once per (device, seq), so one resent after a lost answer adds nothing.
 *
 * <p>Plays of announcements that no longer exist, or that the device's screen was never
 * sent (see {@link SentAnnouncements}), are skipped rather than refused: the player drops
 * a batch that is refused, and one deleted announcement must not cost the record of every
 * other play in it. Anything malformed (a missing field, a time more
 * than 30 days ago or more than a day ahead) refuses the batch with a 400 naming the play.
 */
@Singleton
public class PlayService {

    static final int MAX_PLAYS = 500;
    /** The largest integer a JavaScript number holds exactly. */
    static final long MAX_SEQ = (1L << 53) - 1;
    static final long MAX_DURATION_MS = Duration.ofHours(24).toMillis();
    static final Duration OLDEST = Duration.ofDays(30);
    static final Duration NEWEST = Duration.ofDays(1);

    private final JdbcOperations jdbc;
    private final Clock clock;

    PlayService(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** Plays of one announcement on one screen on one campus day: how many, and for how many seconds in all. */
    public record DailyPlays(LocalDate day, long screenId, long announcementId, long plays, long seconds) {
    }

    /**
     * Plays started in [from, to), counted per campus day (in {@code zone}), screen and
     * announcement, for the reports; optionally of one screen and one announcement.
     */
    @Transactional
    public List<DailyPlays> daily(Instant from, Instant to, ZoneId zone, @Nullable Long screenId, @Nullable Long announcementId) {
        return jdbc.prepareStatement("""
                SELECT (started_at AT TIME ZONE ?)::date, screen_id, announcement_id, count(*), round(sum(duration_ms) / 1000.0)::bigint
                FROM play
                WHERE started_at >= ? AND started_at < ?
                  AND (?::bigint IS NULL OR screen_id = ?) AND (?::bigint IS NULL OR announcement_id = ?)
                GROUP BY 1, screen_id, announcement_id""", statement -> {
            statement.setString(1, zone.getId());
            statement.setObject(2, from.atOffset(ZoneOffset.UTC));
            statement.setObject(3, to.atOffset(ZoneOffset.UTC));
            statement.setObject(4, screenId, java.sql.Types.BIGINT);
            statement.setObject(5, screenId, java.sql.Types.BIGINT);
            statement.setObject(6, announcementId, java.sql.Types.BIGINT);
            statement.setObject(7, announcementId, java.sql.Types.BIGINT);
            List<DailyPlays> found = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new DailyPlays(rows.getObject(1, LocalDate.class), rows.getLong(2), rows.getLong(3),
                            rows.getLong(4), rows.getLong(5)));
                }
            }
            return found;
        });
    }

    private record Play(long announcementId, @Nullable String language, Instant startedAt, long durationMs) {
    }

    @Transactional
    public void record(KioskDevice device, @Nullable JsonNode body) {
        DeviceInput input = DeviceInput.body(body, new FieldErrors());
        Instant now = clock.instant();
        Long seq = input.requiredWhole("seq", 0, MAX_SEQ);
        List<Play> plays = new ArrayList<>();
        for (DeviceInput item : input.objects("plays", MAX_PLAYS)) {
            Long announcementId = item.requiredWhole("announcementId", 1, Long.MAX_VALUE);
            String language = item.text("language", 2);
            if (language != null && !language.equals("da") && !language.equals("en")) {
                input.errors().add(item.name("language"), "field.daOrEn");
            }
            Instant startedAt = item.requiredInstant("startedAt");
            if (startedAt != null && (startedAt.isBefore(now.minus(OLDEST)) || startedAt.isAfter(now.plus(NEWEST)))) {
                input.errors().add(item.name("startedAt"), "kiosk.play.startedAt");
            }
            Long durationMs = item.requiredWhole("durationMs", 0, MAX_DURATION_MS);
            if (announcementId != null && startedAt != null && durationMs != null) {
                plays.add(new Play(announcementId, language, startedAt, durationMs));
            }
        }
        input.errors().throwIfAny();
        if (takeBatch(device, seq, plays.size(), now)) {
            store(device, seq, plays);
        }
    }

    /** Records the batch; false when it was taken before, so its plays are already in. */
    private boolean takeBatch(KioskDevice device, long seq, int plays, Instant now) {
        return jdbc.prepareStatement("""
                INSERT INTO play_batch (device_id, seq, received_at, plays) VALUES (?, ?, ?, ?)
                ON CONFLICT (device_id, seq) DO NOTHING""", statement -> {
            statement.setLong(1, device.id());
            statement.setLong(2, seq);
            statement.setObject(3, now.atOffset(ZoneOffset.UTC));
            statement.setInt(4, plays);
            return statement.executeUpdate() == 1;
        });
    }

    private void store(KioskDevice device, long seq, List<Play> plays) {
        jdbc.prepareStatement("""
                INSERT INTO play (device_id, batch_seq, screen_id, announcement_id, language, started_at, duration_ms)
                SELECT ?, ?, s.screen_id, p.announcement_id, p.language, p.started_at::timestamptz, p.duration_ms
                FROM unnest(?::bigint[], ?::text[], ?::text[], ?::int[]) AS p(announcement_id, language, started_at, duration_ms)
                JOIN screen_sent_announcement s ON s.screen_id = ? AND s.announcement_id = p.announcement_id""",
                statement -> {
            Connection connection = statement.getConnection();
            statement.setLong(1, device.id());
            statement.setLong(2, seq);
            statement.setArray(3, connection.createArrayOf("bigint", plays.stream().map(Play::announcementId).toArray()));
            statement.setArray(4, connection.createArrayOf("text", plays.stream().map(Play::language).toArray()));
            statement.setArray(5, connection.createArrayOf("text",
                    plays.stream().map(p -> OffsetDateTime.ofInstant(p.startedAt(), ZoneOffset.UTC).toString()).toArray()));
            statement.setArray(6, connection.createArrayOf("int", plays.stream().map(p -> (int) p.durationMs()).toArray()));
            statement.setLong(7, device.screenId());
            return statement.executeUpdate();
        });
    }
}
