package dk.albertslund.signage.retention;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The usual policy: rows of one table stop mattering at the time in one of a few columns
 * (used at, expired at, revoked at, recorded at), and are deleted once any of those times
 * lies before the cut-off. A column left empty never prunes a row.
 */
public final class RowRetention implements RetentionPolicy {

    private final String name;
    private final Duration defaultPeriod;
    private final JdbcOperations jdbc;
    private final String delete;
    private final int parameters;

    /** {@code table} and {@code columns} are names from the code, never from input. */
    public RowRetention(String name, Duration defaultPeriod, JdbcOperations jdbc, String table, List<String> columns) {
        this.name = name;
        this.defaultPeriod = defaultPeriod;
        this.jdbc = jdbc;
        this.delete = "DELETE FROM " + table + " WHERE " + columns.stream().map(c -> c + " < ?").collect(Collectors.joining(" OR "));
        this.parameters = columns.size();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Duration defaultPeriod() {
        return defaultPeriod;
    }

    @Override
    public int prune(Instant cutoff) {
        return jdbc.prepareStatement(delete, (PreparedStatement statement) -> {
            for (int i = 1; i <= parameters; i++) {
                statement.setTimestamp(i, Timestamp.from(cutoff));
            }
            return statement.executeUpdate();
        });
    }
}
