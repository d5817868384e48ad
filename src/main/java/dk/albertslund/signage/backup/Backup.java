package dk.albertslund.signage.backup;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Takes a backup: every table (see {@link Catalog}) in PostgreSQL's COPY text format and
 * the media files its media table names, all from one REPEATABLE READ, read-only
 * transaction, so the copy is of one moment even while servers keep writing. Media files
 * never change once stored (they are named by their SHA-256), so copying them inside
 * that transaction gives the files of that same moment. The manifest is written last.
 */
public final class Backup {

    private final Database database;
    private final Path mediaRoot;
    private final String appVersion;
    private final PrintStream progress;

    public Backup(Database database, Path mediaRoot, String appVersion, PrintStream progress) {
        this.database = database;
        this.mediaRoot = mediaRoot;
        this.appVersion = appVersion;
        this.progress = progress;
    }

    /** Writes a backup into {@code directory}, which must be new or empty; on failure nothing is left in it. */
    public Manifest write(Path directory) throws BackupException {
        Instant started = Instant.now();
        boolean created = prepare(directory);
        try {
            Manifest manifest = copy(directory);
            manifest.write(directory.resolve(Manifest.FILE));
            long bytes = manifest.tables().stream().mapToLong(t -> t.file().bytes()).sum()
                    + manifest.media().stream().mapToLong(Manifest.FileEntry::bytes).sum();
            progress.printf("Backup of schema version %s written to %s: %d tables, %d media files, %s in %s.%n",
                    manifest.schemaVersion(), directory, manifest.tables().size(), manifest.media().size(),
                    size(bytes), seconds(Duration.between(started, Instant.now())));
            return manifest;
        } catch (BackupException | IOException | SQLException | RuntimeException e) {
            cleanUp(directory, created);
            if (e instanceof BackupException b) {
                throw b;
            }
            throw new BackupException("The backup failed and was removed: " + reason(e), e);
        }
    }

    private static boolean prepare(Path directory) throws BackupException {
        try {
            if (Files.exists(directory)) {
                if (!Files.isDirectory(directory) || !HashedFiles.noFilesUnder(directory)) {
                    throw new BackupException(directory + " is not an empty folder: give the backup a new one, so no earlier backup is overwritten.");
                }
                return false;
            }
            Files.createDirectories(directory);
            return true;
        } catch (IOException e) {
            throw new BackupException("The backup folder " + directory + " cannot be created: " + reason(e), e);
        }
    }

    private Manifest copy(Path directory) throws SQLException, IOException, BackupException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            connection.setReadOnly(true);
            try {
                String version = Catalog.schemaVersion(connection);
                if (version == null) {
                    throw new BackupException("The database at " + database + " has no Campus Signage schema (no Flyway history): there is nothing to back up.");
                }
                String postgres = scalar(connection, "SELECT version()");
                // the snapshot is taken by the first query above; everything below reads that moment
                String takenAt = scalar(connection, "SELECT to_char(transaction_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')");
                progress.printf("Backing up %s (schema version %s, snapshot of %s) to %s%n", database, version, takenAt, directory);
                List<Manifest.Table> tables = tables(connection, directory);
                List<Manifest.Sequence> sequences = Catalog.sequences(connection);
                List<Manifest.FileEntry> media = media(connection, directory);
                return new Manifest(Manifest.FORMAT, appVersion, version, postgres, takenAt, tables, sequences, media, Catalog.EXCLUDED);
            } finally {
                connection.rollback();
            }
        }
    }

    private List<Manifest.Table> tables(Connection connection, Path directory) throws SQLException, IOException {
        CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
        Files.createDirectories(directory.resolve("tables"));
        List<Manifest.Table> tables = new ArrayList<>();
        for (Map.Entry<String, List<String>> table : Catalog.tables(connection).entrySet()) {
            String path = "tables/" + table.getKey() + ".copy";
            long rows;
            HashedFiles.Hashing out = new HashedFiles.Hashing(Files.newOutputStream(directory.resolve(path)));
            try (OutputStream closing = out) {
                rows = copy.copyOut("COPY " + Catalog.quote(table.getKey()) + " (" + Catalog.columnList(table.getValue()) + ") TO STDOUT", out);
                closing.flush();
            }
            tables.add(new Manifest.Table(table.getKey(), table.getValue(), rows, new Manifest.FileEntry(path, out.bytes(), out.sha256())));
            progress.printf("  %-28s %8d rows  %10s%n", table.getKey(), rows, size(out.bytes()));
        }
        return tables;
    }

    private List<Manifest.FileEntry> media(Connection connection, Path directory) throws SQLException, IOException, BackupException {
        List<Manifest.FileEntry> files = new ArrayList<>();
        long bytes = 0;
        try (PreparedStatement statement = connection.prepareStatement("SELECT sha256, extension FROM media ORDER BY id");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                String sha256 = rows.getString(1);
                String relative = HashedFiles.mediaPath(sha256, rows.getString(2));
                Manifest.FileEntry copied;
                try {
                    copied = HashedFiles.copy(mediaRoot.resolve(relative), directory.resolve("media").resolve(relative), "media/" + relative);
                } catch (NoSuchFileException e) {
                    throw new BackupException("The media file " + mediaRoot.resolve(relative) + " is missing (deleted while the backup ran,"
                            + " or lost from " + mediaRoot + "); the backup was removed: run it again, and if it fails again, see to the media folder.");
                }
                if (!copied.sha256().equals(sha256)) {
                    throw new BackupException("The media file " + mediaRoot.resolve(relative) + " is damaged (its SHA-256 is not the one"
                            + " recorded when it was uploaded); the backup was removed: replace or delete that media first.");
                }
                files.add(copied);
                bytes += copied.bytes();
            }
        }
        progress.printf("  %-28s %8d files %10s%n", "media files", files.size(), size(bytes));
        return files;
    }

    private static String scalar(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getString(1);
        }
    }

    private static void cleanUp(Path directory, boolean created) {
        try {
            if (created) {
                HashedFiles.deleteRecursively(directory);
            } else {
                try (var children = Files.list(directory)) {
                    for (Path child : children.toList()) {
                        HashedFiles.deleteRecursively(child);
                    }
                }
            }
        } catch (IOException ignored) {
            // the error being reported matters more; a folder without manifest.json is no backup
        }
    }

    static String reason(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.endsWith(".") ? message : message + ".";
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
    }
}
