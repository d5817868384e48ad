package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;

/**
 * Quartz's own PostgreSQL tables, taken from the quartz jar so they always match the
 * JobStore's version. The script drops tables before creating them and ends with a
 * COMMIT of its own; Flyway owns the transaction, so both are left out.
 */
public class V2__create_quartz_tables extends BaseJavaMigration {

    private static final String SCRIPT = "org/quartz/impl/jdbcjobstore/tables_postgres.sql";

    @Override
    public void migrate(Context context) throws Exception {
        try (Statement statement = context.getConnection().createStatement()) {
            for (String sql : statements(load())) {
                statement.execute(sql);
            }
        }
    }

    private static String load() throws IOException {
        try (InputStream in = V2__create_quartz_tables.class.getClassLoader().getResourceAsStream(SCRIPT)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT + " is missing from the classpath (is the quartz jar there?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static java.util.List<String> statements(String script) {
        StringBuilder withoutComments = new StringBuilder();
        for (String line : script.split("\n")) {
            String trimmed = line.strip();
            if (!trimmed.startsWith("--") && !trimmed.startsWith("#")) {
                withoutComments.append(line).append('\n');
            }
        }
        java.util.List<String> result = new java.util.ArrayList<>();
        for (String sql : withoutComments.toString().split(";")) {
            String s = sql.strip();
            String upper = s.toUpperCase(java.util.Locale.ROOT);
            if (s.isEmpty() || upper.equals("COMMIT") || upper.startsWith("DROP TABLE")) {
                continue;
            }
            result.add(s);
        }
        return result;
    }
}
