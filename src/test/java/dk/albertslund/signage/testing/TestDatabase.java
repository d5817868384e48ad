package dk.albertslund.signage.testing;

import dk.albertslund.signage.config.EmbeddedDatabase;
import org.flywaydb.core.Flyway;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real PostgreSQL the tests use: the server named by {@code SIGNAGE_TEST_DATABASE_URL}
 * (a superuser connection; {@code SIGNAGE_TEST_DATABASE_USER} / {@code _PASSWORD}) or else an
 * embedded one, started once per test run. The schema is migrated once into a template
 * database and every test class gets a fresh copy, so no test sees another's data.
 */
public final class TestDatabase {

    private static final String TEMPLATE = "signage_template";
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static TestDatabase instance;

    private final String baseUrl;
    private final String user;
    private final String password;

    private TestDatabase(String baseUrl, String user, String password) {
        this.baseUrl = baseUrl;
        this.user = user;
        this.password = password;
    }

    public static synchronized TestDatabase get() {
        if (instance == null) {
            instance = start();
            instance.createTemplate();
        }
        return instance;
    }

    private static TestDatabase start() {
        String url = System.getenv("SIGNAGE_TEST_DATABASE_URL");
        if (url != null && !url.isBlank()) {
            String base = url.substring(0, url.lastIndexOf('/') + 1);
            return new TestDatabase(base, env("SIGNAGE_TEST_DATABASE_USER", "postgres"), env("SIGNAGE_TEST_DATABASE_PASSWORD", ""));
        }
        try {
            EmbeddedDatabase embedded = EmbeddedDatabase.start(Path.of("target", "test-postgres"), true);
            Runtime.getRuntime().addShutdownHook(new Thread(embedded::close, "test-postgres-stop"));
            return new TestDatabase("jdbc:postgresql://127.0.0.1:" + embedded.port() + "/", EmbeddedDatabase.USER, "");
        } catch (EmbeddedDatabase.EmbeddedDatabaseException e) {
            throw new IllegalStateException("The tests need PostgreSQL: the embedded one failed (" + e.getMessage()
                    + "); set SIGNAGE_TEST_DATABASE_URL to a server of your own.", e);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    private void createTemplate() {
        execute("postgres", "DROP DATABASE IF EXISTS " + TEMPLATE);
        execute("postgres", "CREATE DATABASE " + TEMPLATE);
        Flyway.configure()
                .dataSource(baseUrl + TEMPLATE, user, password)
                .locations("classpath:db/migration")
                .load()
                .migrate();
    }

    /** A new database without any schema, for tests that migrate it themselves; its name is returned. */
    public String createBlankDatabase() {
        String name = "blank_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name);
        return name;
    }

    /** A new, migrated, empty database for one test class; its name is returned. */
    public String createDatabase() {
        String name = "test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
        execute("postgres", "CREATE DATABASE " + name + " TEMPLATE " + TEMPLATE);
        return name;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String url(String database) {
        return baseUrl + database;
    }

    /** Datasource properties for a fresh database of its own. */
    public Map<String, String> freshDatasource() {
        String database = createDatabase();
        return Map.of(
                "datasources.default.url", url(database),
                "datasources.default.username", user,
                "datasources.default.password", password);
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(url(database), user, password);
    }

    private void execute(String database, String sql) {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Test database setup failed on: " + sql, e);
        }
    }
}
