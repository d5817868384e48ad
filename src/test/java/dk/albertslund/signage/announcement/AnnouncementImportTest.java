package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.staff.Staff;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.core.Problem;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The door the content-pack importer uses: statuses set directly, idempotent by slug. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementImportTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Campus campus;

    @Inject
    AnnouncementService announcements;

    private AnnouncementService.Command jazz(Campus.Place place, String slug, String title, String picture) {
        return new AnnouncementService.Command(slug, place.slug(), title,
                "Fredag 15. januar kl. 20.\n\n*Eksempel – fiktivt arrangement.*", "da", List.of(), "culture",
                List.of("koncert", "jazz", "eksempel"), picture, "2026-11-25T00:00+01:00", "2027-01-15T22:00+01:00", 10);
    }

    @Test
    void the_content_pack_creates_an_approved_announcement_in_its_own_name() {
        Campus.Place theatre = campus.institution("Musikteatret");
        String slug = fixtures.unique("jazz-i-foyeren");

        boolean changed = announcements.importAnnouncement(Campus.CONTENT_PACK, jazz(theatre, slug, "Jazz i foyeren", null), "approved");

        assertThat(changed).isTrue();
        assertThat(announcements.find(slug)).hasValueSatisfying(view -> {
            assertThat(view.status()).isEqualTo("approved");
            assertThat(view.createdBy()).isEqualTo("content-pack");
            assertThat(view.html()).isEqualTo("<p>Fredag 15. januar kl. 20.</p>\n<p><em>Eksempel – fiktivt arrangement.</em></p>");
        });
        assertThat(fixtures.rows("""
                SELECT actor, action FROM audit_log WHERE entity_type = 'announcement' AND after_json->>'slug' = ?""", slug))
                .containsExactly(Map.of("actor", "content-pack", "action", "create"));
    }

    @Test
    void importing_the_same_announcement_again_writes_and_audits_nothing() {
        Campus.Place theatre = campus.institution("Musikteatret");
        String picture = campus.image(1920, 1080);
        String danish = fixtures.unique("jazz");
        AnnouncementService.Command danishOnly = jazz(theatre, danish, "Jazz i foyeren", picture);
        AnnouncementService.Command both = new AnnouncementService.Command(danish, theatre.slug(), danishOnly.title(),
                danishOnly.body(), "da", List.of(new AnnouncementService.Translation("en", "Jazz in the foyer",
                "Friday 15 January at 20.")), "culture", danishOnly.tags(), picture, danishOnly.publishFrom(),
                danishOnly.publishUntil(), 12);
        announcements.importAnnouncement(Campus.CONTENT_PACK, both, "submitted");
        List<Map<String, Object>> before = stored(danish);
        assertThat(before).extracting(r -> r.get("audit_rows"), r -> r.get("languages"))
                .containsExactly(tuple(1L, "[\"en\"]"));

        boolean again = announcements.importAnnouncement(Campus.CONTENT_PACK, both, "submitted");

        assertThat(again).isFalse();
        assertThat(stored(danish)).isEqualTo(before);
    }

    @Test
    void changed_content_or_status_is_written_and_audited_once() {
        Campus.Place theatre = campus.institution("Musikteatret");
        String slug = fixtures.unique("jazz");
        announcements.importAnnouncement(Campus.CONTENT_PACK, jazz(theatre, slug, "Jazz i foyeren", null), "approved");

        boolean retitled = announcements.importAnnouncement(Campus.CONTENT_PACK, jazz(theatre, slug, "Jazz i foyeren i aften", null), "approved");
        boolean retitledAgain = announcements.importAnnouncement(Campus.CONTENT_PACK, jazz(theatre, slug, "Jazz i foyeren i aften", null), "approved");
        boolean heldBack = announcements.importAnnouncement(Campus.CONTENT_PACK, jazz(theatre, slug, "Jazz i foyeren i aften", null), "draft");

        assertThat(List.of(retitled, retitledAgain, heldBack)).containsExactly(true, false, true);
        assertThat(announcements.find(slug).orElseThrow().status()).isEqualTo("draft");
        assertThat(fixtures.rows("""
                SELECT action, before_json->>'title' AS before_title, after_json->>'status' AS after_status FROM audit_log
                WHERE entity_type = 'announcement' AND after_json->>'slug' = ? AND action = 'update' ORDER BY id""", slug))
                .containsExactly(
                        Map.of("action", "update", "before_title", "Jazz i foyeren", "after_status", "approved"),
                        Map.of("action", "update", "before_title", "Jazz i foyeren i aften", "after_status", "draft"));
    }

    @Test
    void only_an_administrator_may_import() {
        Campus.Place theatre = campus.institution("Musikteatret");
        Staff editor = new Staff(0, "editor", EnumSet.of(Role.EDITOR), Set.of(theatre.id()));

        ProblemException refused = catchThrowableOfType(ProblemException.class, () -> announcements.importAnnouncement(editor,
                jazz(theatre, fixtures.unique("jazz"), "Jazz", null), "approved"));

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.getMessage()).isEqualTo("Only administrators may import announcements.");
    }

    @Test
    void an_unknown_status_or_bad_content_is_refused_naming_the_field() {
        Campus.Place theatre = campus.institution("Musikteatret");

        ProblemException badStatus = catchThrowableOfType(ProblemException.class, () -> announcements.importAnnouncement(
                Campus.CONTENT_PACK, jazz(theatre, fixtures.unique("jazz"), "Jazz", null), "published"));
        ProblemException badContent = catchThrowableOfType(ProblemException.class, () -> announcements.importAnnouncement(
                Campus.CONTENT_PACK, jazz(theatre, fixtures.unique("jazz"), "Jazz", "f".repeat(64)), "approved"));

        assertThat(badStatus.errors()).extracting(Problem.FieldError::field).containsExactly("status");
        assertThat(badContent.errors()).extracting(Problem.FieldError::field).containsExactly("media");
    }

    private List<Map<String, Object>> stored(String danishSlug) {
        return fixtures.rows("""
                SELECT a.slug, a.status, a.updated_at, jsonb_path_query_array(a.translations, '$[*].language')::text AS languages,
                (SELECT count(*) FROM audit_log l WHERE l.entity_type = 'announcement' AND l.entity_id = a.id) AS audit_rows
                FROM announcement a WHERE a.slug = ?""", danishSlug);
    }
}
