package dk.albertslund.signage;

import dk.albertslund.signage.backup.BackupCommands;
import dk.albertslund.signage.config.EmbeddedDatabase;
import dk.albertslund.signage.contentpack.ContentPackException;
import dk.albertslund.signage.contentpack.ContentPackImporter;
import dk.albertslund.signage.config.LocalSecrets;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Starts the server. Without {@code DATASOURCES_DEFAULT_URL} it first starts an embedded
 * PostgreSQL with its data under {@code ./var/postgres}, so one command runs everything.
 */
@OpenAPIDefinition(
        info = @Info(title = "Campus Signage API", version = "1",
                description = "Staff and kiosk API of Campus Signage, the Albertslund town centre's digital signage."),
        security = @SecurityRequirement(name = "bearer"))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT or sgn_ API token")
public class Application {

    private static final Logger LOG = LoggerFactory.getLogger(Application.class);

    public static void main(String[] args) {
        // SIGNAGE_HOME wins over the project directory mn:run passes as signage.default-home
        Path home = Path.of(System.getProperty("signage.home", env("SIGNAGE_HOME",
                System.getProperty("signage.default-home", ".")))).toAbsolutePath().normalize();
        Path varDirectory = home.resolve(env("SIGNAGE_VAR_DIR", "var"));
        Map<String, Object> properties = new HashMap<>();
        properties.put("signage.home", home.toString());
        EmbeddedDatabase embedded = null;
        Optional<String> backupCommand = BackupCommands.command(args);
        boolean serving = backupCommand.isEmpty() && !java.util.Arrays.asList(args).contains(IMPORT_FLAG);
        if (serving) {
            Optional<String> busy = ServerPort.busy();
            if (busy.isPresent()) {
                // before a database is created or started: nothing to clean up, one sentence to read
                System.err.println(busy.get());
                System.exit(1);
                return;
            }
        }
        if (env("DATASOURCES_DEFAULT_URL", "").isBlank() && System.getProperty("datasources.default.url") == null) {
            Path dataDirectory = varDirectory.resolve("postgres");
            Optional<Map<String, Object>> running = backupCommand.isEmpty() ? Optional.empty()
                    : BackupCommands.runningEmbeddedDatabase(dataDirectory, EmbeddedDatabase.USER, EmbeddedDatabase.DATABASE);
            if (running.isPresent() && backupCommand.get().equals(BackupCommands.RESTORE_FLAG)) {
                System.err.println("A server is running on the embedded database in " + dataDirectory
                        + ": stop it, and restore only into a new, empty database; nothing was restored.");
                System.exit(1);
                return;
            }
            if (running.isPresent()) {
                // a backup of a running server reads through that server's embedded PostgreSQL
                properties.putAll(running.get());
            }
        }
        if (!properties.containsKey("datasources.default.url")
                && env("DATASOURCES_DEFAULT_URL", "").isBlank() && System.getProperty("datasources.default.url") == null) {
            Path dataDirectory = varDirectory.resolve("postgres");
            LOG.info("DATASOURCES_DEFAULT_URL is not set: starting the embedded PostgreSQL in {}", dataDirectory.toAbsolutePath());
            try {
                embedded = EmbeddedDatabase.start(dataDirectory, false);
            } catch (EmbeddedDatabase.EmbeddedDatabaseException e) {
                System.err.println("""

                        Campus Signage could not start its embedded PostgreSQL:
                          %s

                        Either fix that, or use a PostgreSQL server of your own by setting
                          DATASOURCES_DEFAULT_URL=jdbc:postgresql://HOST:5432/DATABASE
                          DATASOURCES_DEFAULT_USERNAME=...  DATASOURCES_DEFAULT_PASSWORD=...
                        (PostgreSQL refuses to run as root; the embedded server needs user
                        namespaces for that, which some containers block.)
                        """.formatted(e.getMessage()));
                LOG.debug("embedded PostgreSQL failure", e);
                System.exit(2);
                return;
            }
            properties.putAll(embedded.datasourceProperties(EmbeddedDatabase.DATABASE));
            LOG.info("Embedded PostgreSQL listening on 127.0.0.1:{}", embedded.port());
        }
        properties.putAll(LocalSecrets.load(varDirectory));

        if (java.util.Arrays.asList(args).contains(IMPORT_FLAG)) {
            System.exit(importContentPack(properties, embedded));
            return;
        }
        if (backupCommand.isPresent()) {
            int exitCode = BackupCommands.run(backupCommand.get(), args, properties, System.out, System.err);
            if (embedded != null) {
                embedded.close();
            }
            System.exit(exitCode);
            return;
        }

        ApplicationContext context;
        try {
            context = Micronaut.build(args)
                    .mainClass(Application.class)
                    .properties(properties)
                    .start();
        } catch (RuntimeException | Error e) {
            // the embedded database has no shutdown hook of its own (EmbeddedDatabase)
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
        if (embedded != null) {
            EmbeddedDatabase database = embedded;
            // Micronaut's own shutdown hook stops the context (and closes its pool); only then
            // is the database stopped. This hook waits for that rather than closing the
            // context itself: two hooks closing it at once deadlocked on the context's lock.
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
                while (context.isRunning() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                database.close();
            }, "embedded-postgres-stop"));
        }
    }

    /** {@code --import-content-pack}: import the pack into the database, report, and exit (0 when it was applied). */
    static final String IMPORT_FLAG = "--import-content-pack";

    private static int importContentPack(Map<String, Object> properties, EmbeddedDatabase embedded) {
        // No HTTP server and no scheduler: just the database, the services and the importer.
        properties.put("signage.scheduler.enabled", false);
        try (ApplicationContext context = ApplicationContext.builder().properties(properties).start()) {
            ContentPackImporter importer = context.getBean(ContentPackImporter.class);
            System.out.println(importer.importPack(importer.defaultDirectory()));
            return 0;
        } catch (ContentPackException e) {
            System.err.println(e.getMessage());
            return 1;
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }
}
