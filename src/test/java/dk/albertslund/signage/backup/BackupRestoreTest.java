package dk.albertslund.signage.backup;

import dk.albertslund.signage.contentpack.ContentPackImporter;
import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.media.SampleFiles;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * README "Backup and restore": a campus that has been used (the content pack, messages,
 * screens, a kiosk's plays and uploads made through the API) is backed up from the
 * command line while its server runs, restored from the command line into a new database
 * and media folder, and found whole: every row of every table, every sequence and every
 * media file. A restore that would overwrite something, or that reads a damaged or too
 * new backup, is refused before it writes anything.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BackupRestoreTest implements PostgresTest {

    private static final Path WORK = Path.of("target", "backup-test");
    private static final String SECRET = "test-secret-that-is-long-enough-for-hs256-signing";

    @Inject
    ContentPackImporter importer;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;
    @Value("${datasources.default.url}")
    String sourceUrl;
    @Value("${signage.media.dir}")
    String sourceMedia;

    private Path backup;
    private String source;

    @BeforeAll
    void a_campus_in_use_is_backed_up_from_the_command_line() throws Exception {
        HashedFiles.deleteRecursively(WORK);
        Files.createDirectories(WORK);
        source = sourceUrl.substring(sourceUrl.lastIndexOf('/') + 1);
        importer.importPack(importer.defaultDirectory());
        Api admin = content.admin();
        Kiosks.Announcement jazz = kiosks.announcement("Jazz i foyeren");
        Kiosks.Announcement quiz = kiosks.announcement("Quiz på biblioteket");
        Kiosks.Paired kiosk = kiosks.pair(kiosks.screen("Stationen, billetautomaten"), jazz, quiz);
        Instant now = Instant.now();
        // plays of what the screen was sent: its standard playlist, or in the pack's daytime
        // slots (the December one on every screen 10–18) what those play
        @SuppressWarnings("unchecked")
        List<Long> shown = ((List<Map<String, Object>>) kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest").body().get("slides"))
                .stream().map(slide -> ((Number) slide.get("id")).longValue()).distinct().limit(2).toList();
        assertThat(shown).as("two messages on the screen").hasSize(2);
        Api.Response plays = kiosks.as(kiosk.token()).post("/api/v1/kiosk/plays", Map.of("seq", 1, "plays", List.of(
                Map.of("announcementId", shown.get(0), "language", "da", "startedAt", now.minusSeconds(30).toString(), "durationMs", 10_000),
                Map.of("announcementId", shown.get(1), "language", "da", "startedAt", now.minusSeconds(20).toString(), "durationMs", 10_000))));
        assertThat(plays.status()).isEqualTo(204);
        for (int size : new int[] {40, 41}) {
            MultipartBody body = MultipartBody.builder().addPart("file", "plakat-" + size + ".png", MediaType.IMAGE_PNG_TYPE,
                    SampleFiles.png(size, size)).addPart("alt", "Plakat " + size).build();
            Api.Response uploaded = admin.send(HttpRequest.POST("/api/v1/media", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
            assertThat(uploaded.status()).as(uploaded.text()).isEqualTo(201);
        }
        Kiosks.Announcement dropped = kiosks.announcement("Aflyst");
        assertThat(admin.delete("/api/v1/announcements/" + dropped.slug()).status()).as("a gap in the ids").isEqualTo(204);

        backup = WORK.resolve("backup");
        Command taken = command("--backup", backup, sourceUrl, sourceMedia);

        assertThat(taken.exitCode()).as(taken.output()).isZero();
        assertThat(taken.output()).contains("announcement").contains("media files").contains("Backup of schema version");
        assertThat(backup.resolve(Manifest.FILE)).exists();
    }

    @Test
    void a_restore_into_a_new_database_and_media_folder_has_every_row_sequence_and_file() throws Exception {
        String target = TestDatabase.get().createBlankDatabase();
        Path media = WORK.resolve("restored-media");

        Command restored = command("--restore", backup, TestDatabase.get().url(target), media.toString());

        assertThat(restored.exitCode()).as(restored.output()).isZero();
        assertThat(restored.output()).contains("Restored the backup of");
        Map<String, List<String>> before = everyRow(source);
        assertThat(before).containsKeys("announcement", "media", "play", "play_batch", "device", "screen", "audit_log",
                "screen_sent_announcement", "installation_state").doesNotContainKeys("flyway_schema_history", "qrtz_triggers");
        assertThat(before.get("play")).hasSize(2);
        assertThat(before.get("media")).hasSizeGreaterThan(2);
        assertThat(everyRow(target)).isEqualTo(before);
        assertThat(nextValues(target)).isEqualTo(nextValues(source)).isNotEmpty();
        assertThat(scalar(target, "SELECT max(version::int) FROM flyway_schema_history"))
                .isEqualTo(scalar(source, "SELECT max(version::int) FROM flyway_schema_history"));

        List<String> files = new ArrayList<>();
        for (String row : rows(source, "SELECT sha256 || '.' || extension FROM media")) {
            Path relative = Path.of(row.substring(0, 2), row);
            assertThat(media.resolve(relative)).hasSameBinaryContentAs(Path.of(sourceMedia).resolve(relative));
            files.add(relative.toString());
        }
        assertThat(filesUnder(media)).containsExactlyInAnyOrderElementsOf(files);
    }

    @Test
    void a_restore_into_a_database_with_tables_is_refused_and_changes_nothing() throws Exception {
        Map<String, List<String>> before = everyRow(source);
        Path media = WORK.resolve("refused-media");

        Command refused = command("--restore", backup, sourceUrl, media.toString());

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.output()).contains("is not empty").contains("nothing was restored");
        assertThat(everyRow(source)).isEqualTo(before);
        assertThat(filesUnder(media)).isEmpty();
    }

    @Test
    void a_restore_into_a_media_folder_with_files_is_refused_before_the_database_is_touched() throws Exception {
        String target = TestDatabase.get().createBlankDatabase();
        Path media = WORK.resolve("used-media");
        Files.createDirectories(media.resolve("ab"));
        Files.writeString(media.resolve("ab/left-over.png"), "x");

        assertThatThrownBy(() -> restore(backup, target, media)).isInstanceOf(BackupException.class)
                .hasMessageContaining("is not empty").hasMessageContaining("nothing was restored");
        assertThat(relations(target)).isEmpty();
        assertThat(filesUnder(media)).containsExactly("ab/left-over.png");
    }

    @Test
    void a_damaged_backup_file_is_refused_before_anything_is_written() throws Exception {
        Path damaged = copyOfBackup("damaged");
        Path table = damaged.resolve("tables/announcement.copy");
        byte[] bytes = Files.readAllBytes(table);
        bytes[bytes.length / 2] ^= 1;
        Files.write(table, bytes);
        String target = TestDatabase.get().createBlankDatabase();
        Path media = WORK.resolve("damaged-media");

        assertThatThrownBy(() -> restore(damaged, target, media)).isInstanceOf(BackupException.class)
                .hasMessageContaining("announcement.copy is damaged").hasMessageContaining("nothing was restored");
        assertThat(relations(target)).isEmpty();
        assertThat(media).doesNotExist();
    }

    @Test
    void a_damaged_media_file_is_refused_too() throws Exception {
        Path damaged = copyOfBackup("damaged-media-file");
        Path file;
        try (Stream<Path> files = Files.walk(damaged.resolve("media"))) {
            file = files.filter(Files::isRegularFile).findFirst().orElseThrow();
        }
        Files.writeString(file, "not the picture");
        String target = TestDatabase.get().createBlankDatabase();

        assertThatThrownBy(() -> restore(damaged, target, WORK.resolve("damaged-file-media"))).isInstanceOf(BackupException.class)
                .hasMessageContaining("is damaged");
        assertThat(relations(target)).isEmpty();
    }

    @Test
    void a_backup_of_a_newer_schema_is_refused_by_an_older_build() throws Exception {
        Path newer = copyOfBackup("newer");
        Path manifest = newer.resolve(Manifest.FILE);
        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"schemaVersion\" : \"\\d+\"", "\"schemaVersion\" : \"999\""));
        String target = TestDatabase.get().createBlankDatabase();

        assertThatThrownBy(() -> restore(newer, target, WORK.resolve("newer-media"))).isInstanceOf(BackupException.class)
                .hasMessageContaining("older than the backup").hasMessageContaining("999");
        assertThat(relations(target)).isEmpty();
    }

    @Test
    void a_restore_that_fails_while_loading_leaves_the_database_and_folder_empty() throws Exception {
        // rows whose references point nowhere: the load fails when the foreign keys are added again
        Path broken = copyOfBackup("dangling");
        Path manifestFile = broken.resolve(Manifest.FILE);
        Manifest manifest = Manifest.read(broken);
        List<Manifest.Table> tables = new ArrayList<>();
        for (Manifest.Table table : manifest.tables()) {
            if (table.name().equals("institution")) {
                Path file = broken.resolve(table.file().path());
                Files.writeString(file, "");
                Manifest.FileEntry empty = HashedFiles.hash(file, table.file().path());
                table = new Manifest.Table(table.name(), table.columns(), 0, empty);
            }
            tables.add(table);
        }
        Files.delete(manifestFile);
        new Manifest(manifest.format(), manifest.appVersion(), manifest.schemaVersion(), manifest.postgresVersion(), manifest.takenAt(),
                tables, manifest.sequences(), manifest.media(), manifest.excluded()).write(manifestFile);
        String target = TestDatabase.get().createBlankDatabase();
        Path media = WORK.resolve("dangling-media");

        assertThatThrownBy(() -> restore(broken, target, media)).isInstanceOf(BackupException.class)
                .hasMessageContaining("refer to rows that are not in it").hasMessageContaining("empty again");
        assertThat(relations(target)).isEmpty();
        assertThat(filesUnder(media)).isEmpty();
    }

    /** Last: it writes to the campus the other tests compare with. */
    @Test
    @Order(Integer.MAX_VALUE)
    void a_backup_taken_while_messages_are_written_is_of_one_moment() throws Exception {
        // past every message made so far, deleted ones too
        long before = Long.parseLong(scalar(source, "SELECT max(entity_id) FROM audit_log WHERE entity_type = 'announcement'"));
        java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();
        Thread writer = new Thread(() -> {
            while (!done.get()) {
                kiosks.announcement("Skrevet under backup " + written.incrementAndGet());
            }
        });
        // progress lines that take their time, so messages are written between one table's copy and the next
        PrintStream slow = new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                if (b == '\n') {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        }, true, StandardCharsets.UTF_8);
        Path during = WORK.resolve("during-writes");
        writer.start();
        Manifest manifest;
        try {
            manifest = new Backup(new Database(sourceUrl, TestDatabase.get().user(), TestDatabase.get().password()),
                    Path.of(sourceMedia).toAbsolutePath(), "test", slow).write(during);
        } finally {
            done.set(true);
            writer.join();
        }
        String target = TestDatabase.get().createBlankDatabase();
        restore(during, target, WORK.resolve("during-writes-media"));

        assertThat(written.get()).as("messages written while the backup ran").isGreaterThan(2);
        // each message and its audit entry are written in one transaction: a copy of one moment has both or neither
        assertThat(rows(target, "SELECT entity_id::text FROM audit_log WHERE entity_type = 'announcement' AND action = 'create'"
                + " AND entity_id > " + before + " AND entity_id NOT IN (SELECT id FROM announcement) ORDER BY 1")).isEmpty();
        assertThat(rows(target, "SELECT id::text FROM announcement WHERE id > " + before
                + " AND id NOT IN (SELECT entity_id FROM audit_log WHERE entity_type = 'announcement' AND action = 'create') ORDER BY 1")).isEmpty();
        assertThat(Long.parseLong(scalar(source, "SELECT count(*) FROM announcement")))
                .as("the source went on changing after the snapshot")
                .isGreaterThan(manifest.tables().stream().filter(t -> t.name().equals("announcement")).findFirst().orElseThrow().rows());
    }

    @Test
    void a_backup_of_a_running_server_on_the_embedded_database_reads_through_its_postgresql() throws Exception {
        Path data = WORK.resolve("embedded-data");
        Files.createDirectories(data);
        Files.writeString(data.resolve("postmaster.pid"), ProcessHandle.current().pid() + "\n" + data.toAbsolutePath()
                + "\n1765000000\n54321\n/tmp\n127.0.0.1\n");

        assertThat(BackupCommands.runningEmbeddedDatabase(data, "postgres", "postgres")).contains(Map.of(
                "datasources.default.url", "jdbc:postgresql://127.0.0.1:54321/postgres",
                "datasources.default.username", "postgres", "datasources.default.password", ""));

        Files.writeString(data.resolve("postmaster.pid"), "999999999\n" + data.toAbsolutePath() + "\n1765000000\n54321\n");
        assertThat(BackupCommands.runningEmbeddedDatabase(data, "postgres", "postgres")).as("a server that is gone").isEmpty();
        Files.delete(data.resolve("postmaster.pid"));
        assertThat(BackupCommands.runningEmbeddedDatabase(data, "postgres", "postgres")).as("a stopped server").isEmpty();
    }

    private static void restore(Path directory, String database, Path media) throws BackupException {
        TestDatabase db = TestDatabase.get();
        new Restore(new Database(db.url(database), db.user(), db.password()), media.toAbsolutePath(),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)).restore(directory);
    }

    private Path copyOfBackup(String name) throws IOException {
        Path copy = WORK.resolve(name);
        HashedFiles.deleteRecursively(copy);
        try (Stream<Path> files = Files.walk(backup)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = copy.resolve(backup.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target);
            }
        }
        return copy;
    }

    /** Every copied table's rows as text, sorted, by table: what two databases must agree on. */
    private static Map<String, List<String>> everyRow(String database) throws SQLException {
        Map<String, List<String>> tables = new TreeMap<>();
        for (String table : rows(database, """
                SELECT tablename FROM pg_tables WHERE schemaname = current_schema()
                  AND tablename <> 'flyway_schema_history' AND tablename NOT LIKE 'qrtz\\_%'""")) {
            tables.put(table, rows(database, "SELECT r::text FROM \"" + table + "\" r ORDER BY 1"));
        }
        return tables;
    }

    /** What each sequence would hand out next, without taking it. */
    private static Map<String, String> nextValues(String database) throws SQLException {
        Map<String, String> values = new LinkedHashMap<>();
        for (String sequence : rows(database, "SELECT sequencename FROM pg_sequences WHERE schemaname = current_schema() ORDER BY 1")) {
            values.put(sequence, rows(database, "SELECT CASE WHEN is_called THEN last_value + 1 ELSE last_value END FROM \"" + sequence + "\"").get(0));
        }
        return values;
    }

    private static List<String> relations(String database) throws SQLException {
        return rows(database, "SELECT relname FROM pg_class WHERE relnamespace = 'public'::regnamespace");
    }

    private static String scalar(String database, String sql) throws SQLException {
        return rows(database, sql).get(0);
    }

    private static List<String> rows(String database, String sql) throws SQLException {
        try (Connection c = TestDatabase.get().connect(database); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
            return rows;
        }
    }

    private static List<String> filesUnder(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).map(f -> folder.relativize(f).toString()).sorted().toList();
        }
    }

    private record Command(int exitCode, String output) {
    }

    /** The server's jar as an operator runs it: {@code --backup DIR} or {@code --restore DIR} with the server's settings. */
    private static Command command(String flag, Path directory, String databaseUrl, String mediaDir) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "dk.albertslund.signage.Application", flag, directory.toString())
                .redirectErrorStream(true);
        builder.environment().put("DATASOURCES_DEFAULT_URL", databaseUrl);
        builder.environment().put("DATASOURCES_DEFAULT_USERNAME", TestDatabase.get().user());
        builder.environment().put("DATASOURCES_DEFAULT_PASSWORD", TestDatabase.get().password());
        builder.environment().put("SIGNAGE_JWT_SECRET", SECRET);
        builder.environment().put("SIGNAGE_MEDIA_DIR", mediaDir);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(180, TimeUnit.SECONDS)).isTrue();
        System.out.println("$ " + flag + " " + directory + "\n" + output);
        return new Command(process.exitValue(), output);
    }
}
