package dk.albertslund.signage.backup;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a backup copies, read from PostgreSQL's catalog rather than listed by hand, so a
 * table a later migration adds is in the next backup without anyone remembering it:
 * every table of the server's schema except Flyway's history (a restore makes it again
 * by migrating) and Quartz's {@code qrtz_} tables (a starting server stores its jobs and
 * triggers again).
 */
final class Catalog {

    static final String HISTORY = "flyway_schema_history";
    static final List<String> EXCLUDED = List.of(
            HISTORY + ": made again when the restore migrates the empty database",
            "qrtz_*: Quartz's jobs and triggers, stored again by the first server that starts");

    private Catalog() {
    }

    static boolean copied(String table) {
        return !table.equals(HISTORY) && !table.startsWith("qrtz_");
    }

    /** The tables a backup copies, by name, with their columns in order. */
    static Map<String, List<String>> tables(Connection connection) throws SQLException {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT c.relname, a.attname
                FROM pg_class c
                JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p')
                ORDER BY c.relname, a.attnum""")) {
            while (rows.next()) {
                if (copied(rows.getString(1))) {
                    tables.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(rows.getString(2));
                }
            }
        }
        return tables;
    }

    /** The sequences that number a copied table's column, with that column. */
    static List<Manifest.Sequence> sequences(Connection connection) throws SQLException {
        List<Manifest.Sequence> sequences = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT s.relname, t.relname, a.attname
                FROM pg_class s
                JOIN pg_depend d ON d.classid = 'pg_class'::regclass AND d.objid = s.oid
                                AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i')
                JOIN pg_class t ON t.oid = d.refobjid
                JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = d.refobjsubid
                WHERE s.relkind = 'S' AND s.relnamespace = current_schema()::regnamespace
                ORDER BY s.relname""")) {
            while (rows.next()) {
                if (copied(rows.getString(2))) {
                    sequences.add(new Manifest.Sequence(rows.getString(1), rows.getString(2), rows.getString(3), 0, false));
                }
            }
        }
        List<Manifest.Sequence> read = new ArrayList<>();
        for (Manifest.Sequence s : sequences) {
            try (Statement statement = connection.createStatement();
                 ResultSet row = statement.executeQuery("SELECT last_value, is_called FROM " + quote(s.name()))) {
                row.next();
                read.add(new Manifest.Sequence(s.name(), s.table(), s.column(), row.getLong(1), row.getBoolean(2)));
            }
        }
        return read;
    }

    /** The schema version Flyway last applied, or null when the database has no history. */
    static String schemaVersion(Connection connection) throws SQLException {
        if (!exists(connection, HISTORY)) {
            return null;
        }
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT version FROM " + HISTORY + " WHERE success AND version IS NOT NULL ORDER BY installed_rank DESC LIMIT 1")) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    private static boolean exists(Connection connection, String table) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT 1 FROM pg_class WHERE relnamespace = current_schema()::regnamespace AND relname = ?")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * The tables, views and sequences of every schema but PostgreSQL's own, leaving out
     * those an extension made (pg_stat_statements puts a view in public): a database a
     * restore may write into has none.
     */
    static List<String> userRelations(Connection connection) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT n.nspname || '.' || c.relname
                FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
                  AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
                  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
                ORDER BY 1""")) {
            while (rows.next()) {
                names.add(rows.getString(1));
            }
        }
        return names;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    static String columnList(List<String> columns) {
        return String.join(", ", columns.stream().map(Catalog::quote).toList());
    }
}
