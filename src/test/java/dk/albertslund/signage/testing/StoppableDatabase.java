package dk.albertslund.signage.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A PostgreSQL of a test's own that the test can stop and start again on the same port
 * and data, as an operator's outage does; the shared test database must never go away.
 */
public final class StoppableDatabase implements AutoCloseable {

    private final Path directory;
    private final int port;
    private EmbeddedPostgres postgres;

    private StoppableDatabase(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** A new, empty server with its data under target/{name}. */
    public static StoppableDatabase start(String name) {
        Path directory = Path.of("target", name).toAbsolutePath();
        deleteRecursively(directory);
        try (ServerSocket socket = new ServerSocket(0)) {
            StoppableDatabase database = new StoppableDatabase(directory, socket.getLocalPort());
            socket.close();
            database.start();
            return database;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts it (again), with the data it had. */
    public synchronized void start() {
        try {
            postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    .setCleanDataDirectory(false)
                    .setPort(port)
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    .setServerConfig("max_connections", "100")
                    .setServerConfig("timezone", "UTC")
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops it: every connection is cut, new ones are refused. */
    public synchronized void stop() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        postgres = null;
    }

    public Map<String, String> datasource() {
        return Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "datasources.default.username", "postgres",
                "datasources.default.password", "");
    }

    @Override
    public synchronized void close() {
        if (postgres != null) {
            stop();
        }
        deleteRecursively(directory);
    }

    private static void deleteRecursively(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
