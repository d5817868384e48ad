package dk.albertslund.signage.testing;

import org.flywaydb.core.Flyway;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Objects;

/**
 * The database of release 0.1.0 (schema V14) after a first start with the campus content
 * pack and a kiosk's plays (src/test/resources/migration/v0.1.0-content-pack.sql), in a
 * new database of its own, for tests of what an upgrade does to it.
 */
public final class Release010Database {

    public static final String SCHEMA_VERSION = "14";
    private static final String FIXTURE = "/migration/v0.1.0-content-pack.sql";

    private final TestDatabase database;
    private final String name;

    private Release010Database(TestDatabase database, String name) {
        this.database = database;
        this.name = name;
    }

    /** A new database holding release 0.1.0's schema and the fixture's rows. */
    public static Release010Database create() throws Exception {
        TestDatabase database = TestDatabase.get();
        Release010Database release = new Release010Database(database, database.createBlankDatabase());
        release.flyway(SCHEMA_VERSION).migrate();
        try (InputStream in = Objects.requireNonNull(Release010Database.class.getResourceAsStream(FIXTURE), FIXTURE);
             Connection c = database.connect(release.name); Statement s = c.createStatement()) {
            // the dump's tables refer to each other in circles; load it as a restore would
            s.execute("SET session_replication_role = replica");
            s.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        return release;
    }

    public String name() {
        return name;
    }

    /** Flyway on this database up to {@code target} (null: this build's newest version). */
    public Flyway flyway(String target) {
        var configuration = Flyway.configure().dataSource(database.url(name), database.user(), database.password())
                .locations("classpath:db/migration");
        return (target == null ? configuration : configuration.target(target)).load();
    }

    public Connection connect() throws java.sql.SQLException {
        return database.connect(name);
    }
}
