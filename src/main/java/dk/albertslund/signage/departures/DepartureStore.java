package dk.albertslund.signage.departures;

import dk.albertslund.signage.core.ContentChanges;
import dk.albertslund.signage.core.Message;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * The last timetable and realtime the cluster fetched (table departure_source, V21). New data
 * is announced on the change bus, so every server's kiosks get the new board.
 */
@Singleton
class DepartureStore {

    /** The change bus kind of new departures; only the departures' readers listen for it. */
    static final String CHANGE = "departures";

    enum Kind {
        TIMETABLE, REALTIME;

        String column() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** One source's row; {@code data} null until the first good fetch. */
    record Source(Kind kind, @Nullable String stopId, @Nullable String data, @Nullable Instant dataAt,
                  @Nullable Instant fetchedAt, @Nullable Instant checkedAt, @Nullable String etag,
                  @Nullable String lastModified, @Nullable Message problem, @Nullable Instant problemAt) {
    }

    private final JdbcOperations jdbc;

    DepartureStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    Optional<Source> find(Kind kind) {
        return jdbc.prepareStatement("SELECT * FROM departure_source WHERE kind = ?", statement -> {
            statement.setString(1, kind.column());
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(source(kind, rs)) : Optional.<Source>empty();
            }
        });
    }

    /** New data: stored, the problem cleared, and every server told. */
    @Transactional
    void saved(Kind kind, String stopId, String data, Instant dataAt, Instant fetchedAt,
               @Nullable String etag, @Nullable String lastModified) {
        jdbc.prepareStatement("INSERT INTO departure_source (kind, stop_id, data, data_at, fetched_at, checked_at, etag,"
                + " last_modified) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind) DO UPDATE SET stop_id = EXCLUDED.stop_id,"
                + " data = EXCLUDED.data, data_at = EXCLUDED.data_at, fetched_at = EXCLUDED.fetched_at,"
                + " checked_at = EXCLUDED.checked_at, etag = EXCLUDED.etag, last_modified = EXCLUDED.last_modified,"
                + " problem_key = NULL, problem_args = NULL, problem_at = NULL", statement -> {
            statement.setString(1, kind.column());
            statement.setString(2, stopId);
            statement.setString(3, data);
            statement.setTimestamp(4, Timestamp.from(dataAt));
            statement.setTimestamp(5, Timestamp.from(fetchedAt));
            statement.setTimestamp(6, Timestamp.from(fetchedAt));
            statement.setString(7, etag);
            statement.setString(8, lastModified);
            return statement.executeUpdate();
        });
        ContentChanges.notify(jdbc, CHANGE);
    }

    /** The source answered "not modified": what is stored is still current. */
    @Transactional
    void unchanged(Kind kind, Instant at) {
        jdbc.prepareStatement("UPDATE departure_source SET checked_at = ?, problem_key = NULL, problem_args = NULL,"
                + " problem_at = NULL WHERE kind = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(at));
            statement.setString(2, kind.column());
            return statement.executeUpdate();
        });
    }

    /** A fetch failed; the last good data stays. */
    @Transactional
    void failed(Kind kind, Message problem, Instant at) {
        jdbc.prepareStatement("INSERT INTO departure_source (kind, problem_key, problem_args, problem_at) VALUES (?, ?, ?, ?)"
                + " ON CONFLICT (kind) DO UPDATE SET problem_key = EXCLUDED.problem_key,"
                + " problem_args = EXCLUDED.problem_args, problem_at = EXCLUDED.problem_at", statement -> {
            statement.setString(1, kind.column());
            statement.setString(2, problem.key());
            statement.setArray(3, statement.getConnection().createArrayOf("text",
                    problem.args().stream().map(a -> a instanceof Message m ? m.english() : String.valueOf(a)).toArray()));
            statement.setTimestamp(4, Timestamp.from(at));
            return statement.executeUpdate();
        });
    }

    private static Source source(Kind kind, ResultSet rs) throws SQLException {
        String key = rs.getString("problem_key");
        Array args = rs.getArray("problem_args");
        Message problem = key == null ? null
                : Message.of(key, args == null ? new Object[0] : Arrays.stream((Object[]) args.getArray()).toArray());
        return new Source(kind, rs.getString("stop_id"), rs.getString("data"), instant(rs, "data_at"),
                instant(rs, "fetched_at"), instant(rs, "checked_at"), rs.getString("etag"), rs.getString("last_modified"),
                problem, instant(rs, "problem_at"));
    }

    private static @Nullable Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
