package dk.albertslund.signage.screen;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Every screen with its groups and whether it is online, in one read: the lists on the
 * screens page and the dashboard. Read-only; the status is the one kiosk heartbeats keep
 * (a screen that never sent one is offline, since nothing).
 */
@Singleton
public class ScreenOverview {

    private final JdbcOperations jdbc;
    private final ScreenStatuses statuses;

    ScreenOverview(JdbcOperations jdbc, ScreenStatuses statuses) {
        this.jdbc = jdbc;
        this.statuses = statuses;
    }

    /** A screen as the lists show it; {@code since} is when it went online or offline. */
    public record Row(long id, String slug, String name, String location, String orientation, int width, int height,
                      String layout, List<String> languages, List<String> groups, boolean online, @Nullable Instant since,
                      @Nullable Instant lastHeartbeatAt) {
    }

    @Transactional
    public List<Row> all() {
        Map<Long, ScreenStatuses.Status> status = statuses.all();
        return jdbc.prepareStatement("""
                SELECT s.id, s.slug, s.name, s.location, s.orientation, s.width_px, s.height_px, s.layout, s.languages,
                       ARRAY(SELECT g.name FROM screen_group_member m JOIN screen_group g ON g.id = m.group_id
                             WHERE m.screen_id = s.id ORDER BY g.name)
                FROM screen s ORDER BY s.name, s.id""", statement -> {
            List<Row> rows = new ArrayList<>();
            try (ResultSet result = statement.executeQuery()) {
                while (result.next()) {
                    ScreenStatuses.Status st = status.getOrDefault(result.getLong(1), ScreenStatuses.Status.NEVER_SEEN);
                    rows.add(new Row(result.getLong(1), result.getString(2), result.getString(3), result.getString(4),
                            result.getString(5), result.getInt(6), result.getInt(7), result.getString(8),
                            strings(result.getArray(9)), strings(result.getArray(10)), st.online(), st.since(), st.lastHeartbeatAt()));
                }
            }
            return rows;
        });
    }

    private static List<String> strings(@Nullable Array array) throws SQLException {
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
