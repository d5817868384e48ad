package dk.albertslund.signage.backup;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.Environment;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * {@code --backup DIR} and {@code --restore DIR} on the server's command line: the same
 * datasource and media settings as the server (environment, application.yml, or the
 * embedded database under SIGNAGE_HOME), no HTTP server, no scheduler, no migration at
 * start. Progress goes to standard output; a failure is one sentence on standard error
 * and a non-zero exit code.
 */
public final class BackupCommands {

    public static final String BACKUP_FLAG = "--backup";
    public static final String RESTORE_FLAG = "--restore";

    private BackupCommands() {
    }

    /** The backup or restore flag among the arguments, or empty. */
    public static Optional<String> command(String[] args) {
        return List.of(args).stream().filter(a -> a.equals(BACKUP_FLAG) || a.equals(RESTORE_FLAG)).findFirst();
    }

    /**
     * The embedded PostgreSQL of a server that is running on this data directory, as
     * datasource properties: a backup of a running server reads through it (the data
     * directory cannot be opened twice). Empty when no server holds the directory.
     */
    public static Optional<Map<String, Object>> runningEmbeddedDatabase(Path dataDirectory, String user, String database) {
        Path pidFile = dataDirectory.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile);
            if (lines.size() < 4 || !ProcessHandle.of(Long.parseLong(lines.get(0).strip())).map(ProcessHandle::isAlive).orElse(false)) {
                return Optional.empty();
            }
            int port = Integer.parseInt(lines.get(3).strip());
            return Optional.of(Map.of(
                    "datasources.default.url", "jdbc:postgresql://127.0.0.1:" + port + "/" + database,
                    "datasources.default.username", user,
                    "datasources.default.password", ""));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Runs the command; returns the process's exit code (0 when the backup or restore is complete). */
    public static int run(String command, String[] args, Map<String, Object> properties, PrintStream out, PrintStream err) {
        int at = List.of(args).indexOf(command);
        if (at + 1 >= args.length || args[at + 1].startsWith("--")) {
            err.println("Say where: " + command + " DIR (the backup's folder).");
            return 2;
        }
        Path directory = Path.of(args[at + 1]).toAbsolutePath().normalize();
        ApplicationContext context = ApplicationContext.builder().properties(properties).build();
        Environment environment = context.getEnvironment();
        environment.start();
        try {
            String url = environment.getProperty("datasources.default.url", String.class).orElse("");
            if (url.isBlank()) {
                err.println("No database is configured: set DATASOURCES_DEFAULT_URL (and _USERNAME, _PASSWORD) as for the server.");
                return 2;
            }
            Database database = new Database(url, environment.getProperty("datasources.default.username", String.class).orElse(""),
                    environment.getProperty("datasources.default.password", String.class).orElse(""));
            // as SignageConfiguration.path: a relative media folder is taken from the installation's home
            Path home = Path.of(environment.getProperty("signage.home", String.class).orElse("."));
            Path media = home.resolve(environment.getProperty("signage.media.dir", String.class).orElse("var/media")).toAbsolutePath().normalize();
            if (command.equals(BACKUP_FLAG)) {
                new Backup(database, media, appVersion(), out).write(directory);
            } else {
                new Restore(database, media, out).restore(directory);
            }
            return 0;
        } catch (BackupException e) {
            err.println(e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            err.println("The " + command.substring(2) + " failed: " + Backup.reason(e));
            return 1;
        } finally {
            environment.stop();
        }
    }

    /** The release this jar is, from the Maven data packed into it; "unknown" when run from classes (tests, mn:run). */
    static String appVersion() {
        try (InputStream in = BackupCommands.class.getResourceAsStream("/META-INF/maven/dk.albertslund/campus-signage/pom.properties")) {
            if (in != null) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }
}
