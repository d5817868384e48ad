package dk.albertslund.signage.contentpack;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The campus pack imported through the real services into a real database, in order. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContentPackImportTest implements PostgresTest {

    @Inject
    ContentPackImporter importer;
    @Inject
    Fixtures fixtures;

    private long count(String table) {
        return ((Number) fixtures.rows("SELECT count(*) AS n FROM " + table).get(0).get("n")).longValue();
    }

    @Test
    @Order(1)
    void a_broken_pack_is_refused_with_the_file_line_and_field_and_nothing_is_applied(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Path schedules = copy.resolve("schedules.yml");
        Files.writeString(schedules, Files.readString(schedules).replace("\"FREQ=MONTHLY;BYDAY=1MO\"", "\"FREQ=SOMETIMES\""));
        int rruleLine = Files.readAllLines(schedules).indexOf("    rrule: \"FREQ=SOMETIMES\"") + 1;

        assertThatThrownBy(() -> importer.importPack(copy))
                .isInstanceOfSatisfying(ContentPackException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(error -> {
                            assertThat(error.file()).isEqualTo("schedules.yml");
                            assertThat(error.line()).isEqualTo(rruleLine);
                            assertThat(error.field()).isEqualTo("rrule");
                            assertThat(error.message()).contains("FREQ=SOMETIMES is not a frequency");
                        }));
        assertThat(count("institution")).isZero();
        assertThat(count("announcement")).isZero();
        assertThat(count("media")).isZero();
        assertThat(count("audit_log")).isZero();
    }

    @Test
    @Order(2)
    void the_campus_pack_is_imported_and_served_through_the_api() {
        ContentPackImporter.Report report = importer.importPack(Path.of("content"));
        ContentPack pack = ContentPackReader.read(Path.of("content"));

        assertThat(report.kinds().get("announcements").created()).isEqualTo(pack.announcements().size()).isEqualTo(30);
        assertThat(count("announcement")).as("one message per file").isEqualTo(30);
        assertThat(report.oldTranslationFilesJoined()).isZero();
        assertThat(report.toString()).doesNotContain("old-style");
        assertThat(report.kinds().get("screens").created()).isEqualTo(pack.screens().size());
        assertThat(report.kinds().get("schedule entries").created()).isEqualTo(pack.schedules().size());
        Api viewer = fixtures.signedIn(Role.VIEWER);
        Api.Response jazz = viewer.get("/api/v1/announcements/jazz-i-foyeren");
        assertThat(jazz.status()).isEqualTo(200);
        assertThat(jazz.body()).containsEntry("title", "Jazz i foyeren").containsEntry("status", "approved")
                .containsEntry("publishUntil", "2027-01-15T21:00:00Z");
        assertThat((String) jazz.body().get("html")).startsWith("<p>");
        @SuppressWarnings("unchecked")
        String imageUrl = (String) ((Map<String, Object>) jazz.body().get("media")).get("url");
        assertThat(fixtures.anonymous().get(imageUrl).status()).isEqualTo(200);
        assertThat(viewer.get("/api/v1/announcements/optagelse-1-marts").body()).containsEntry("link", "https://www.optagelse.dk/");
        assertThat(viewer.get("/api/v1/screens?size=100").items()).hasSize(pack.screens().size());
        assertThat(viewer.get("/api/v1/screens/station-hal").body()).containsEntry("infoBand", true);
        assertThat(viewer.get("/api/v1/screens/bibliotek-indgang").body()).containsEntry("infoBand", false);
        assertThat(viewer.get("/api/v1/schedule-entries/weekend-nat").body())
                .containsEntry("startTime", "22:00").containsEntry("endTime", "02:00").containsEntry("targetKind", "group");
        assertThat(fixtures.rows("SELECT DISTINCT actor FROM audit_log WHERE entity_type <> 'staff_user'")).extracting(r -> r.get("actor"))
                .containsExactly(ContentPackImporter.ACTOR);
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void every_danish_message_with_an_english_text_holds_it_as_translations_en() {
        ContentPack pack = ContentPackReader.read(Path.of("content"));
        Api viewer = fixtures.signedIn(Role.ADMIN);
        List<ContentPack.Announcement> bilingual = pack.announcements().stream()
                .filter(a -> a.language().equals("da") && !a.translations().isEmpty()).toList();

        assertThat(bilingual).hasSize(23);
        for (ContentPack.Announcement a : bilingual) {
            Map<String, Object> message = viewer.get("/api/v1/announcements/" + a.slug()).body();
            assertThat((List<Map<String, Object>>) message.get("translations")).as(a.slug()).singleElement().satisfies(en -> {
                assertThat(en).containsEntry("language", "en").containsEntry("title", a.translations().get(0).title());
                assertThat((String) en.get("html")).startsWith("<p>");
            });
        }
        assertThat(fixtures.rows("SELECT count(*) AS n FROM announcement WHERE slug LIKE '%-en'").get(0).get("n"))
                .isEqualTo(0L);
    }

    @Test
    @Order(3)
    void importing_the_same_pack_again_changes_nothing() {
        long auditRows = count("audit_log");

        ContentPackImporter.Report again = importer.importPack(Path.of("content"));

        assertThat(again.changes()).isZero();
        assertThat(count("audit_log")).isEqualTo(auditRows);
    }

    @Test
    @Order(4)
    void an_edited_file_updates_just_that_record(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Path jazz = copy.resolve("announcements/jazz-i-foyeren.md");
        Files.writeString(jazz, Files.readString(jazz).replace("title: \"Jazz i foyeren\"", "title: \"Jazz i foyeren i aften\""));

        ContentPackImporter.Report report = importer.importPack(copy);

        assertThat(report.changes()).isEqualTo(1);
        assertThat(report.kinds().get("announcements").updated()).isEqualTo(1);
        assertThat(fixtures.signedIn(Role.VIEWER).get("/api/v1/announcements/jazz-i-foyeren").body())
                .containsEntry("title", "Jazz i foyeren i aften");
        List<Map<String, Object>> audit = fixtures.rows("""
                SELECT before_json->>'title' AS before, after_json->>'title' AS after FROM audit_log
                WHERE entity_type = 'announcement' AND action = 'update'""");
        assertThat(audit).containsExactly(Map.of("before", "Jazz i foyeren", "after", "Jazz i foyeren i aften"));
    }

    @Test
    @Order(5)
    void only_an_admin_may_import_through_the_api() {
        Api.Response editor = fixtures.signedIn(Role.VIEWER).post("/api/v1/content-pack/import", Map.of());
        Api.Response admin = fixtures.signedIn(Role.ADMIN).post("/api/v1/content-pack/import", Map.of());

        assertThat(editor.status()).isEqualTo(403);
        assertThat(editor.body()).containsEntry("detail", "Only administrators may import the content pack.");
        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.body()).containsKey("kinds");
    }

    @Test
    @Order(6)
    @SuppressWarnings("unchecked")
    void an_old_style_pack_is_joined_as_v15_joins_and_a_playlist_naming_the_old_slug_plays_the_message_once(@TempDir Path copy)
            throws IOException {
        ContentPackReaderTest.copyPack(copy);
        ContentPackMessageReaderTest.writeOldPair(copy, "gammel-proeve", "", "duration: 10", "duration: 12");
        ContentPackMessageReaderTest.writeOldPair(copy, "gammel-uenig", "",
                "publish_until: \"2027-01-01T00:00\"", "publish_until: \"2027-01-02T00:00\"");
        Path playlists = copy.resolve("playlists.yml");
        Files.writeString(playlists, Files.readString(playlists).replace("      - evakuering-test\n",
                "      - evakuering-test\n      - gammel-proeve-en\n      - gammel-proeve\n      - gammel-uenig-en\n"));

        ContentPackImporter.Report report = importer.importPack(copy);

        assertThat(report.oldTranslationFilesJoined()).isEqualTo(1);
        assertThat(report.oldTranslationFilesKeptApart()).containsExactly("gammel-uenig-en");
        assertThat(report.toString()).contains("old-style translation files (translation_of) joined into their messages: 1")
                .contains("kept as messages of their own").contains("gammel-uenig-en");
        Api admin = fixtures.signedIn(Role.ADMIN);
        Map<String, Object> joined = admin.get("/api/v1/announcements/gammel-proeve").body();
        assertThat(joined).containsEntry("durationSeconds", 22);
        assertThat((List<Map<String, Object>>) joined.get("translations")).singleElement()
                .satisfies(en -> assertThat(en).containsEntry("language", "en").containsEntry("title", "A test"));
        assertThat(admin.get("/api/v1/announcements/gammel-proeve-en").status()).isEqualTo(404);
        assertThat((List<Object>) admin.get("/api/v1/announcements/gammel-uenig").body().get("translations")).isEmpty();
        assertThat(admin.get("/api/v1/announcements/gammel-uenig-en").body()).containsEntry("language", "en");
        assertThat((List<Map<String, Object>>) admin.get("/api/v1/playlists/noedmeddelelser").body().get("items"))
                .extracting(i -> i.get("slug")).containsExactly("evakuering-test", "gammel-proeve", "gammel-uenig-en");

        assertThat(importer.importPack(copy).changes()).as("the old pack again").isZero();
    }
}
