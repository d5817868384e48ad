package dk.albertslund.signage.golink;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.AnnouncementService;
import dk.albertslund.signage.announcement.OnShow;
import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.readability.QrCode;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Short addresses for the links of messages, one per message and screen, so that a scan
 * of a screen's QR code is counted for that screen (docs/LINKS.md). Following one counts
 * the scan in an hourly counter of message, screen and hour, and nothing else: no address,
 * browser, device or cookie is read or stored.
 */
@Singleton
public class GoLinks {

    private static final Pattern CODE = Pattern.compile("[a-z0-9]{6,16}");
    /** Tries at a fresh random code when one is taken; with 31^8 codes a second try is already rare. */
    private static final int TRIES = 5;

    private final JdbcOperations jdbc;
    private final AnnouncementService announcements;
    private final Clock clock;
    private final String publicUrl;
    private final SecureRandom random = new SecureRandom();
    private final ScanThrottle throttle = new ScanThrottle();
    /** Codes this server has read or made, so a manifest can be built from memory while the database is away. */
    private final Map<Key, String> known = new ConcurrentHashMap<>();

    GoLinks(JdbcOperations jdbc, AnnouncementService announcements, Clock clock, SignageConfiguration configuration) {
        this.jdbc = jdbc;
        this.announcements = announcements;
        this.clock = clock;
        this.publicUrl = configuration.getPublicUrl();
    }

    private record Key(long announcementId, long screenId) {
    }

    /** The short address of {@code code}, from the server's public address (signage.public-url). */
    public String shortAddress(String code) {
        return QrCode.shortAddress(publicUrl, code);
    }

    /**
     * The codes of these messages on screen {@code screenId}, made and stored for those that
     * have none yet. Several servers may make one at once: the database keeps the first.
     */
    @Transactional
    public Map<Long, String> codes(long screenId, Collection<Long> announcementIds) {
        Map<Long, String> codes = known(screenId, announcementIds);
        List<Long> missing = announcementIds.stream().distinct().filter(id -> !codes.containsKey(id)).toList();
        for (int attempt = 0; !missing.isEmpty() && attempt < TRIES; attempt++) {
            for (long id : missing) {
                insert(newCode(), id, screenId);
            }
            read(screenId, missing).forEach((id, code) -> {
                codes.put(id, code);
                known.put(new Key(id, screenId), code);
            });
            missing = missing.stream().filter(id -> !codes.containsKey(id)).toList();
        }
        if (!missing.isEmpty()) {
            throw new IllegalStateException("no free short code after " + TRIES + " tries for " + missing);
        }
        return codes;
    }

    /** The codes this server already knows, for a manifest built while the database is away; others are left out. */
    public Map<Long, String> known(long screenId, Collection<Long> announcementIds) {
        Map<Long, String> codes = new HashMap<>();
        for (long id : announcementIds) {
            String code = known.get(new Key(id, screenId));
            if (code != null) {
                codes.put(id, code);
            }
        }
        return codes;
    }

    /** What following a short address does. */
    public sealed interface Visit {
        /** Sent on to the message's link; {@code counted} is false when the code was over its limit this minute. */
        record Redirect(String link, boolean counted) implements Visit {
        }

        /** The message is no longer on show (archived, changed, out of its window, or its link taken off). */
        record Ended() implements Visit {
        }

        /** No such code. */
        record Unknown() implements Visit {
        }
    }

    /**
     * Follows {@code code} at the clock's now: counts a scan and sends on to the link of a
     * message that is on show, approved with that link; anything else counts nothing.
     */
    @Transactional
    public Visit follow(String code) {
        if (code == null || !CODE.matcher(code).matches()) {
            return new Visit.Unknown();
        }
        Key key = jdbc.prepareStatement("SELECT announcement_id, screen_id FROM go_link WHERE code = ?", statement -> {
            statement.setString(1, code);
            try (var rows = statement.executeQuery()) {
                return rows.next() ? new Key(rows.getLong(1), rows.getLong(2)) : null;
            }
        });
        if (key == null) {
            return new Visit.Unknown();
        }
        Instant now = clock.instant();
        Announcement message = announcements.findByIds(List.of(key.announcementId())).stream().findFirst().orElse(null);
        // only what an approver approved and a screen may show now: an ended or changed message
        // must not send people to an address nobody vouches for any longer
        if (message == null || message.link() == null || !OnShow.at(message, now)) {
            return new Visit.Ended();
        }
        boolean counted = throttle.allow(code, now);
        if (counted) {
            count(key, now);
        }
        return new Visit.Redirect(message.link(), counted);
    }

    /** Scans of one message on one screen on one campus day. */
    public record DailyScans(LocalDate day, long screenId, long announcementId, long scans) {
    }

    /** Scans in [from, to), counted per campus day (in {@code zone}), screen and message; optionally of one screen and one message. */
    @Transactional
    public List<DailyScans> daily(Instant from, Instant to, ZoneId zone, @Nullable Long screenId, @Nullable Long announcementId) {
        return jdbc.prepareStatement("""
                SELECT (hour AT TIME ZONE ?)::date, screen_id, announcement_id, sum(scans)
                FROM link_scan
                WHERE hour >= ? AND hour < ?
                  AND (?::bigint IS NULL OR screen_id = ?) AND (?::bigint IS NULL OR announcement_id = ?)
                GROUP BY 1, screen_id, announcement_id""", statement -> {
            statement.setString(1, zone.getId());
            statement.setObject(2, from.atOffset(ZoneOffset.UTC));
            statement.setObject(3, to.atOffset(ZoneOffset.UTC));
            statement.setObject(4, screenId, Types.BIGINT);
            statement.setObject(5, screenId, Types.BIGINT);
            statement.setObject(6, announcementId, Types.BIGINT);
            statement.setObject(7, announcementId, Types.BIGINT);
            List<DailyScans> found = new ArrayList<>();
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    found.add(new DailyScans(rows.getObject(1, LocalDate.class), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
                }
            }
            return found;
        });
    }

    private void count(Key key, Instant now) {
        jdbc.prepareStatement("""
                INSERT INTO link_scan (announcement_id, screen_id, hour, scans) VALUES (?, ?, ?, 1)
                ON CONFLICT (announcement_id, screen_id, hour) DO UPDATE SET scans = link_scan.scans + 1""", statement -> {
            statement.setLong(1, key.announcementId());
            statement.setLong(2, key.screenId());
            statement.setObject(3, now.truncatedTo(ChronoUnit.HOURS).atOffset(ZoneOffset.UTC));
            return statement.executeUpdate();
        });
    }

    private void insert(String code, long announcementId, long screenId) {
        jdbc.prepareStatement("""
                INSERT INTO go_link (code, announcement_id, screen_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING""", statement -> {
            statement.setString(1, code);
            statement.setLong(2, announcementId);
            statement.setLong(3, screenId);
            return statement.executeUpdate();
        });
    }

    private Map<Long, String> read(long screenId, List<Long> announcementIds) {
        return jdbc.prepareStatement("SELECT announcement_id, code FROM go_link WHERE screen_id = ? AND announcement_id = ANY(?)",
                statement -> {
                    statement.setLong(1, screenId);
                    statement.setArray(2, statement.getConnection().createArrayOf("bigint", announcementIds.toArray()));
                    Map<Long, String> found = new HashMap<>();
                    try (var rows = statement.executeQuery()) {
                        while (rows.next()) {
                            found.put(rows.getLong(1), rows.getString(2));
                        }
                    }
                    return found;
                });
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(QrCode.CODE_LENGTH);
        for (int i = 0; i < QrCode.CODE_LENGTH; i++) {
            code.append(QrCode.CODE_ALPHABET.charAt(random.nextInt(QrCode.CODE_ALPHABET.length())));
        }
        return code.toString();
    }
}
