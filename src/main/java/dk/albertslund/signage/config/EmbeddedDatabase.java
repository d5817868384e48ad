package dk.albertslund.signage.config;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A real PostgreSQL started from the binaries artifact, so a newcomer can run the
 * server (and the tests) without installing a database. The data directory is kept
 * between runs; the server and the test suite use this one class.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String USER = "postgres";
    public static final String DATABASE = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path dataDirectory) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
    }

    /**
     * Starts PostgreSQL on a free loopback port with its data in {@code dataDirectory}
     * (created and initialised on first use, reused afterwards).
     *
     * @param clean true to wipe the directory first (tests), false to keep data (the server)
     */
    public static EmbeddedDatabase start(Path dataDirectory, boolean clean) throws EmbeddedDatabaseException {
        Path dir = dataDirectory.toAbsolutePath().normalize();
        try {
            if (clean) {
                // A previous run that was killed while deleting leaves a half-empty directory
                // that initdb refuses; a clean start must not depend on the last one ending well.
                deleteRecursively(dir);
            }
            Files.createDirectories(dir);
        } catch (IOException | SecurityException e) {
            throw new EmbeddedDatabaseException("cannot create the data directory " + dir + ": " + e.getMessage(), e);
        }
        if (!Files.isWritable(dir)) {
            throw new EmbeddedDatabaseException("the data directory " + dir + " is not writable", null);
        }
        try {
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dir)
                    .setCleanDataDirectory(clean)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "200")
                    .setServerConfig("timezone", "UTC")
                    // Not stopped by a shutdown hook of its own: that hook ran at once on
                    // SIGTERM and cut the server's requests off in the middle of its graceful
                    // stop; whoever starts it closes it after the server has stopped.
                    .setRegisterShutdownHook(false)
                    .start();
            return new EmbeddedDatabase(postgres, dir);
        } catch (IOException | RuntimeException e) {
            throw new EmbeddedDatabaseException(describe(e, dir), e);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

    private static String describe(Throwable e, Path dir) {
        StringBuilder reason = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !reason.toString().contains(t.getMessage())) {
                if (!reason.isEmpty()) {
                    reason.append(": ");
                }
                reason.append(t.getMessage());
            }
        }
        if (Files.exists(dir.resolve("postmaster.pid"))) {
            reason.append(" (").append(dir.resolve("postmaster.pid"))
                    .append(" exists: is another server already using this data directory?)");
        }
        return reason.toString();
    }

    public int port() {
        return postgres.getPort();
    }

    public Path dataDirectory() {
        return dataDirectory;
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /** Properties that point Micronaut's default datasource at this server. */
    public Map<String, Object> datasourceProperties(String database) {
        return Map.of(
                "datasources.default.url", jdbcUrl(database),
                "datasources.default.username", USER,
                "datasources.default.password", "");
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not stop cleanly: " + e.getMessage(), e);
        }
    }

    /** Why the embedded server could not start, in words an operator can act on. */
    public static final class EmbeddedDatabaseException extends Exception {
        public EmbeddedDatabaseException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
