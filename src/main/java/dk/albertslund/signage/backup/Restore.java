package dk.albertslund.signage.backup;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Restores a backup into an empty database and an empty media folder, all or nothing:
 * <ol>
 * <li>every file of the backup is checked against its SHA-256 in the manifest, before
 *     anything is written;</li>
 * <li>the database must hold no tables and the media folder no files;</li>
 * <li>the media files are copied into a staging folder inside the media folder (and
 *     hashed again on the way);</li>
 * <li>Flyway migrates the database to exactly the backup's schema version;</li>
 * <li>in one transaction the foreign keys are set aside, each table is loaded with COPY
 *     FROM, the foreign keys are added again (which checks every reference), every
 *     sequence is set past what the backup had used, the media files are moved into
 *     place, and only then is the transaction committed.</li>
 * </ol>
 * Whatever fails after the checks rolls back, removes the media files and drops what the
 * migration made (Flyway clean on a database that was empty), so a failed restore leaves
 * the database and the folder as empty as they were. A server started afterwards
 * migrates the restored database on to its own schema version as on any upgrade.
 */
public final class Restore {

    private static final String MIGRATIONS = "classpath:db/migration";

    private final Database database;
    private final Path mediaRoot;
    private final PrintStream progress;

    public Restore(Database database, Path mediaRoot, PrintStream progress) {
        this.database = database;
        this.mediaRoot = mediaRoot;
        this.progress = progress;
    }

    public Manifest restore(Path directory) throws BackupException {
        Instant started = Instant.now();
        Manifest manifest = Manifest.read(directory);
        verify(directory, manifest);
        progress.printf("Checked the backup in %s: schema version %s, taken %s, %d tables, %d media files, every SHA-256 matches%n",
                directory, manifest.schemaVersion(), manifest.takenAt(), manifest.tables().size(), manifest.media().size());
        requireEmptyMediaFolder();
        requireEmptyDatabase();
        try {
            requireKnownVersion(flyway(null), manifest);
        } catch (FlywayException e) {
            throw new BackupException("The migrations of this build cannot be read against " + database + " ("
                    + Backup.reason(e) + "): nothing was restored.", e);
        }
        Flyway flyway = flyway(manifest.schemaVersion());

        Path staging = mediaRoot.resolve(".restore-" + UUID.randomUUID());
        List<Path> placed = new ArrayList<>();
        boolean migrated = false;
        try {
            stage(directory, manifest, staging);
            flyway.migrate();
            migrated = true;
            progress.printf("Migrated the empty database %s to schema version %s%n", database, manifest.schemaVersion());
            load(directory, manifest, staging, placed);
        } catch (BackupException | IOException | SQLException | RuntimeException e) {
            boolean undone = undo(staging, placed, migrated ? flyway : null);
            String reason = e instanceof BackupException ? e.getMessage() : "The restore failed: " + Backup.reason(e);
            throw new BackupException(reason + (undone ? " Nothing was restored: the database and the media folder are empty again."
                    : " Nothing was restored, but what was written could not all be removed (see above)."), e);
        }
        progress.printf("Restored the backup of %s (schema version %s) into %s and %s in %s.%n", manifest.takenAt(),
                manifest.schemaVersion(), database, mediaRoot, Backup.seconds(Duration.between(started, Instant.now())));
        return manifest;
    }

    /** Every file present, of its size and SHA-256; names that could leave the backup folder are refused. */
    private static void verify(Path directory, Manifest manifest) throws BackupException {
        List<Manifest.FileEntry> files = new ArrayList<>(manifest.tables().stream().map(Manifest.Table::file).toList());
        files.addAll(manifest.media());
        Path root = directory.toAbsolutePath().normalize();
        for (Manifest.FileEntry file : files) {
            Path path = root.resolve(file.path()).normalize();
            if (!path.startsWith(root) || !file.path().matches("[A-Za-z0-9_./-]+")) {
                throw new BackupException("The manifest of " + directory + " names a file outside the backup (" + file.path() + "): nothing was restored.");
            }
            Manifest.FileEntry actual;
            try {
                actual = HashedFiles.hash(path, file.path());
            } catch (IOException e) {
                throw new BackupException("The backup file " + path + " cannot be read (" + Backup.reason(e) + "): nothing was restored.", e);
            }
            if (actual.bytes() != file.bytes() || !actual.sha256().equals(file.sha256())) {
                throw new BackupException("The backup file " + path + " is damaged (its size or SHA-256 is not the one in "
                        + Manifest.FILE + "): nothing was restored.");
            }
            if (file.path().startsWith("media/") && !file.path().contains("/" + file.sha256() + ".")) {
                throw new BackupException("The media file " + path + " is not named by its SHA-256: nothing was restored.");
            }
        }
    }

    private void requireEmptyMediaFolder() throws BackupException {
        try {
            if (!HashedFiles.noFilesUnder(mediaRoot)) {
                throw new BackupException("The media folder " + mediaRoot + " is not empty: restore only into a new, empty media folder"
                        + " (set SIGNAGE_MEDIA_DIR, or move the old folder aside); nothing was restored.");
            }
        } catch (IOException e) {
            throw new BackupException("The media folder " + mediaRoot + " cannot be used (" + Backup.reason(e) + "): nothing was restored.", e);
        }
    }

    private void requireEmptyDatabase() throws BackupException {
        try (Connection connection = database.connect()) {
            List<String> relations = Catalog.userRelations(connection);
            if (!relations.isEmpty()) {
                throw new BackupException("The database " + database + " is not empty (it has " + relations.size() + " tables, views or sequences,"
                        + " e.g. " + relations.get(0) + "): restore only into a new, empty database; nothing was restored.");
            }
        } catch (SQLException e) {
            throw new BackupException("The database " + database + " cannot be reached (" + Backup.reason(e) + "): nothing was restored.", e);
        }
    }

    /** Flyway on the target database, up to {@code version} (null: this build's newest). */
    private Flyway flyway(String version) {
        var configuration = Flyway.configure()
                .dataSource(database.url(), database.user(), database.password())
                .locations(MIGRATIONS)
                .cleanDisabled(false);
        return (version == null ? configuration : configuration.target(MigrationVersion.fromVersion(version))).load();
    }

    /** This build must have the backup's schema version among its migrations: a newer backup needs a newer build. */
    private static void requireKnownVersion(Flyway flyway, Manifest manifest) throws BackupException {
        MigrationVersion wanted = MigrationVersion.fromVersion(manifest.schemaVersion());
        MigrationVersion newest = MigrationVersion.EMPTY;
        boolean known = false;
        for (MigrationInfo migration : flyway.info().all()) {
            if (migration.getVersion() != null) {
                known |= migration.getVersion().equals(wanted);
                newest = migration.getVersion().compareTo(newest) > 0 ? migration.getVersion() : newest;
            }
        }
        if (wanted.compareTo(newest) > 0) {
            throw new BackupException("This build of Campus Signage is older than the backup (its schema goes up to version " + newest
                    + ", the backup's is " + wanted + ", made by version " + manifest.appVersion()
                    + "): restore it with that version or a newer one; nothing was restored.");
        }
        if (!known) {
            throw new BackupException("This build of Campus Signage has no schema version " + wanted + " among its migrations,"
                    + " so it cannot restore this backup; nothing was restored.");
        }
    }

    private void stage(Path directory, Manifest manifest, Path staging) throws IOException, BackupException {
        for (Manifest.FileEntry file : manifest.media()) {
            Path target = staging.resolve(file.path().substring("media/".length()));
            Manifest.FileEntry copied = HashedFiles.copy(directory.resolve(file.path()), target, file.path());
            if (!copied.sha256().equals(file.sha256())) {
                throw new BackupException("The backup file " + directory.resolve(file.path()) + " changed while it was being restored.");
            }
        }
    }

    private void load(Path directory, Manifest manifest, Path staging, List<Path> placed) throws SQLException, IOException, BackupException {
        try (Connection connection = database.connect()) {
            connection.setAutoCommit(false);
            try {
                requireSameTables(connection, manifest);
                List<String[]> foreignKeys = dropForeignKeys(connection);
                CopyManager copy = connection.unwrap(PGConnection.class).getCopyAPI();
                for (Manifest.Table table : manifest.tables()) {
                    long rows;
                    try (InputStream in = Files.newInputStream(directory.resolve(table.file().path()))) {
                        rows = copy.copyIn("COPY " + Catalog.quote(table.name()) + " (" + Catalog.columnList(table.columns()) + ") FROM STDIN", in);
                    }
                    if (rows != table.rows()) {
                        throw new BackupException("The table " + table.name() + " took " + rows + " rows, but the backup recorded " + table.rows() + ".");
                    }
                    progress.printf("  %-28s %8d rows%n", table.name(), rows);
                }
                addForeignKeys(connection, foreignKeys);
                setSequences(connection, manifest);
                place(staging, manifest, placed);
                progress.printf("  %-28s %8d files%n", "media files", placed.size());
                connection.commit();
            } catch (SQLException | IOException | BackupException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }

    /** The migrated schema must have the backup's tables with the backup's columns, or the rows would land in the wrong place. */
    private static void requireSameTables(Connection connection, Manifest manifest) throws SQLException, BackupException {
        Map<String, List<String>> actual = Catalog.tables(connection);
        for (Manifest.Table table : manifest.tables()) {
            if (!Objects.equals(actual.get(table.name()), table.columns())) {
                throw new BackupException("The table " + table.name() + " of schema version " + manifest.schemaVersion()
                        + " as this build makes it does not have the backup's columns " + table.columns() + ".");
            }
        }
        if (actual.size() != manifest.tables().size()) {
            List<String> missing = new ArrayList<>(actual.keySet());
            missing.removeAll(manifest.tables().stream().map(Manifest.Table::name).toList());
            throw new BackupException("The backup has no rows for the tables " + missing + " of schema version " + manifest.schemaVersion() + ".");
        }
    }

    /**
     * Foreign keys are set aside while the tables load (institution and media refer to each
     * other, so no order of tables would do) and added again once all rows are in, which
     * checks every reference; unlike session_replication_role this needs no superuser,
     * only the owner of the tables that migrated them.
     */
    private static List<String[]> dropForeignKeys(Connection connection) throws SQLException {
        List<String[]> keys = new ArrayList<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery("""
                SELECT t.relname, c.conname, pg_get_constraintdef(c.oid)
                FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid
                WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace
                ORDER BY t.relname, c.conname""")) {
            while (rows.next()) {
                if (Catalog.copied(rows.getString(1))) {
                    keys.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3)});
                }
            }
        }
        try (Statement statement = connection.createStatement()) {
            for (String[] key : keys) {
                statement.execute("ALTER TABLE " + Catalog.quote(key[0]) + " DROP CONSTRAINT " + Catalog.quote(key[1]));
            }
        }
        return keys;
    }

    private static void addForeignKeys(Connection connection, List<String[]> keys) throws SQLException, BackupException {
        try (Statement statement = connection.createStatement()) {
            for (String[] key : keys) {
                try {
                    statement.execute("ALTER TABLE " + Catalog.quote(key[0]) + " ADD CONSTRAINT " + Catalog.quote(key[1]) + " " + key[2]);
                } catch (SQLException e) {
                    throw new BackupException("The backup's rows of " + key[0] + " refer to rows that are not in it (" + key[1] + ": "
                            + Backup.reason(e) + ")", e);
                }
            }
        }
    }

    /** Each sequence goes on from where the backup's had got to, and never below a row's id. */
    private static void setSequences(Connection connection, Manifest manifest) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (Manifest.Sequence sequence : manifest.sequences()) {
                long next = sequence.next();
                try (ResultSet max = statement.executeQuery("SELECT max(" + Catalog.quote(sequence.column()) + ") FROM " + Catalog.quote(sequence.table()))) {
                    max.next();
                    next = Math.max(next, max.getLong(1) + 1);
                }
                try (ResultSet ignored = statement.executeQuery("SELECT setval('" + Catalog.quote(sequence.name()).replace("'", "''") + "', " + next + ", false)")) {
                    // setval answers with the value set
                }
            }
        }
    }

    private void place(Path staging, Manifest manifest, List<Path> placed) throws IOException {
        for (Manifest.FileEntry file : manifest.media()) {
            String relative = file.path().substring("media/".length());
            Path target = mediaRoot.resolve(relative);
            Files.createDirectories(target.getParent());
            Files.move(staging.resolve(relative), target, StandardCopyOption.ATOMIC_MOVE);
            placed.add(target);
        }
        HashedFiles.deleteRecursively(staging);
    }

    private boolean undo(Path staging, List<Path> placed, Flyway migrated) {
        boolean undone = true;
        try {
            for (Path file : placed) {
                Files.deleteIfExists(file);
            }
            HashedFiles.deleteRecursively(staging);
        } catch (IOException e) {
            progress.println("Could not remove the media files already restored under " + mediaRoot + ": " + Backup.reason(e));
            undone = false;
        }
        if (migrated != null) {
            try {
                migrated.clean();
            } catch (FlywayException e) {
                progress.println("Could not drop what the migration made in " + database + ": " + Backup.reason(e));
                undone = false;
            }
        }
        return undone;
    }
}
