package dk.albertslund.signage.screen;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Every screen with its groups and whether it is online, in one read: the lists on the
 * screens page and the dashboard. Read-only; the status is the one kiosk heartbeats keep
 * (a screen that never sent one is offline, since nothing).
 */
@Singleton
public class ScreenOverview {

    private final JdbcOperations jdbc;

    ScreenOverview(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** A screen as the lists show it; {@code since} is when it went online or offline. */
    public record Row(long id, String slug, String name, String location, String orientation, int width, int height,
                      String layout, List<String> languages, List<String> groups, boolean online, @Nullable Instant since,
                      @Nullable Instant lastHeartbeatAt) {
    }

    @Transactional
    public List<Row> all() {
        return jdbc.prepareStatement("""
                SELECT s.id, s.slug, s.name, s.location, s.orientation, s.width_px, s.height_px, s.layout, s.languages,
                       coalesce(st.online, false), CASE WHEN st.online THEN st.online_since ELSE st.offline_since END,
                       st.last_heartbeat_at,
                       ARRAY(SELECT g.name FROM screen_group_member m JOIN screen_group g ON g.id = m.group_id
                             WHERE m.screen_id = s.id ORDER BY g.name)
                FROM screen s LEFT JOIN screen_status st ON st.screen_id = s.id
                ORDER BY s.name, s.id""", statement -> {
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getString(5), result.getInt(6), result.getInt(7), result.getString(8),
                            strings(result.getArray(9)), strings(result.getArray(13)), result.getBoolean(10),
                            instant(result.getObject(11, OffsetDateTime.class)), instant(result.getObject(12, OffsetDateTime.class))));
                }
            }
            return rows;
        });
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }

    @Nullable
    private static Instant instant(@Nullable OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
