package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementWorkflowApiTest implements PostgresTest {

    private static final String PATH = "/api/v1/announcements/";

    @Inject
    Fixtures fixtures;

    @Inject
    Campus campus;

    /** One institution with an editor and an approver, and a draft of theirs. */
    private final class Desk {
        final Campus.Place school = campus.institution("Gymnasiet");
        final String editorName = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        final Api editor = fixtures.signInAs(editorName);
        final String approverName = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        final Api approver = fixtures.signInAs(approverName);
        final String slug = fixtures.unique("aabent-hus");

        Desk() {
            assertThat(editor.post("/api/v1/announcements", campus.announcement(school, slug)).status()).isEqualTo(201);
        }

        Api.Response step(Api who, String action) {
            return who.post(PATH + slug + "/" + action, Map.of());
        }

        Desk submitted() {
            assertThat(step(editor, "submit").status()).isEqualTo(200);
            return this;
        }

        Desk approved() {
            submitted();
            assertThat(step(approver, "approve").status()).isEqualTo(200);
            return this;
        }

        Desk rejected() {
            submitted();
            assertThat(approver.post(PATH + slug + "/reject", Map.of("reason", "Mangler dato")).status()).isEqualTo(200);
            return this;
        }

        Desk archived() {
            approved();
            assertThat(step(editor, "archive").status()).isEqualTo(200);
            return this;
        }

        Api.Response edit(String title) {
            Map<String, Object> command = campus.announcement(school, slug);
            command.put("title", title);
            return editor.put(PATH + slug, command);
        }

        String storedStatus() {
            return (String) fixtures.rows("SELECT status FROM announcement WHERE slug = ?", slug).get(0).get("status");
        }
    }

    @Test
    void a_draft_is_submitted_approved_and_archived_and_each_step_is_audited() {
        Desk desk = new Desk();

        Api.Response submitted = desk.step(desk.editor, "submit");
        Api.Response approved = desk.step(desk.approver, "approve");
        Api.Response archived = desk.step(desk.editor, "archive");

        assertThat(submitted.body()).containsEntry("status", "submitted");
        assertThat(approved.body()).containsEntry("status", "approved");
        assertThat(archived.body()).containsEntry("status", "archived");
        assertThat(fixtures.rows("""
                SELECT actor, action, before_json->>'status' AS before, after_json->>'status' AS after FROM audit_log
                WHERE entity_type = 'announcement' AND after_json->>'slug' = ? ORDER BY id""", desk.slug))
                .extracting(r -> r.get("actor"), r -> r.get("action"), r -> r.get("before"), r -> r.get("after"))
                .containsExactly(
                        tuple(desk.editorName, "create", null, "draft"),
                        tuple(desk.editorName, "submit", "draft", "submitted"),
                        tuple(desk.approverName, "approve", "submitted", "approved"),
                        tuple(desk.editorName, "archive", "approved", "archived"));
    }

    @Test
    void a_rejection_carries_its_reason_until_the_edited_announcement_is_approved() {
        Desk desk = new Desk().submitted();

        Api.Response rejected = desk.approver.post(PATH + desk.slug + "/reject", Map.of("reason", "  Mangler dato og tid  "));
        Api.Response resubmitWithoutEdit = desk.step(desk.editor, "submit");
        Api.Response edited = desk.edit("Åbent hus torsdag 14. januar");
        desk.step(desk.editor, "submit");
        Api.Response approved = desk.step(desk.approver, "approve");

        assertThat(rejected.body()).containsEntry("status", "rejected").containsEntry("rejectionReason", "Mangler dato og tid");
        assertThat(resubmitWithoutEdit.status()).isEqualTo(409);
        assertThat(resubmitWithoutEdit.body()).containsEntry("detail", "Only a draft can be submitted; this one is rejected.");
        assertThat(edited.body()).containsEntry("status", "draft").containsEntry("rejectionReason", "Mangler dato og tid");
        assertThat(approved.body()).containsEntry("status", "approved").containsEntry("rejectionReason", null);
    }

    @Test
    void a_rejection_needs_a_reason() {
        Desk desk = new Desk().submitted();

        Api.Response blank = desk.approver.post(PATH + desk.slug + "/reject", Map.of("reason", "   "));
        Api.Response missing = desk.approver.post(PATH + desk.slug + "/reject", Map.of());

        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.errorFields()).containsExactly("reason");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.errorFields()).containsExactly("reason");
        assertThat(desk.storedStatus()).isEqualTo("submitted");
    }

    @Test
    void a_draft_and_a_rejected_announcement_can_be_archived() {
        Desk draft = new Desk();
        Desk rejected = new Desk().rejected();

        assertThat(draft.step(draft.editor, "archive").body()).containsEntry("status", "archived");
        assertThat(rejected.step(rejected.editor, "archive").body()).containsEntry("status", "archived");
    }

    @Test
    void editing_an_approved_announcement_takes_it_off_the_screens_until_approved_again() {
        Desk desk = new Desk().approved();

        Api.Response edited = desk.edit("Åbent hus – ny dato");

        assertThat(edited.status()).isEqualTo(200);
        assertThat(edited.body()).containsEntry("status", "draft").containsEntry("title", "Åbent hus – ny dato");
        assertThat(desk.storedStatus()).isEqualTo("draft");
    }

    @Test
    void editing_a_submitted_announcement_withdraws_it_to_draft() {
        Desk desk = new Desk().submitted();

        assertThat(desk.edit("Åbent hus – rettet").body()).containsEntry("status", "draft");
    }

    @Test
    void saving_unchanged_content_keeps_an_approved_announcement_approved_and_writes_nothing() {
        Desk desk = new Desk().approved();
        long auditRows = auditRows(desk.slug);

        Api.Response saved = desk.editor.put(PATH + desk.slug, campus.announcement(desk.school, desk.slug));

        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.body()).containsEntry("status", "approved");
        assertThat(auditRows(desk.slug)).isEqualTo(auditRows);
    }

    @Test
    void steps_that_the_status_does_not_allow_are_conflicts_that_say_why() {
        Desk draft = new Desk();
        Desk submitted = new Desk().submitted();
        Desk approved = new Desk().approved();
        Desk archived = new Desk().archived();

        assertConflict(draft.step(draft.approver, "approve"), "Only a submitted announcement can be approved; this one is a draft.");
        assertConflict(draft.approver.post(PATH + draft.slug + "/reject", Map.of("reason", "Nej")),
                "Only a submitted announcement can be rejected; this one is a draft.");
        assertConflict(submitted.step(submitted.editor, "archive"),
                "Only a draft, approved or rejected announcement can be archived; this one is submitted.");
        assertConflict(approved.step(approved.editor, "submit"), "Only a draft can be submitted; this one is approved.");
        assertConflict(approved.step(approved.approver, "approve"), "Only a submitted announcement can be approved; this one is approved.");
        assertConflict(archived.edit("Igen"), "An archived announcement can no longer be edited.");
        assertConflict(archived.step(archived.editor, "archive"),
                "Only a draft, approved or rejected announcement can be archived; this one is archived.");
        assertConflict(approved.editor.delete(PATH + approved.slug), "Only a draft can be deleted; this one is approved.");
        assertThat(approved.storedStatus()).isEqualTo("approved");
        assertThat(archived.storedStatus()).isEqualTo("archived");
    }

    @Test
    void an_editor_of_another_institution_can_neither_see_its_draft_nor_change_its_approved_announcement() {
        Desk draft = new Desk();
        Desk approved = new Desk().approved();
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api libraryEditor = fixtures.signedIn(Role.EDITOR, library.id());
        Map<String, Object> takeover = campus.announcement(library, approved.slug);

        Api.Response read = libraryEditor.get(PATH + draft.slug);
        Api.Response edit = libraryEditor.put(PATH + approved.slug, takeover);
        Api.Response archive = libraryEditor.post(PATH + approved.slug + "/archive", Map.of());
        Api.Response delete = libraryEditor.delete(PATH + draft.slug);
        Api.Response submit = libraryEditor.post(PATH + draft.slug + "/submit", Map.of());
        Api.Response approve = libraryEditor.post(PATH + draft.slug + "/approve", Map.of());

        assertForbidden(read, "You may not see unpublished announcements of Gymnasiet.");
        assertForbidden(edit, "You may not change announcements of Gymnasiet.");
        assertForbidden(archive, "You may not change announcements of Gymnasiet.");
        assertForbidden(delete, "You may not change announcements of Gymnasiet.");
        assertForbidden(submit, "You may not change announcements of Gymnasiet.");
        assertForbidden(approve, "Only approvers may approve announcements.");
        assertThat(approved.storedStatus()).isEqualTo("approved");
        assertThat(draft.storedStatus()).isEqualTo("draft");
    }

    @Test
    void an_editor_cannot_move_an_announcement_to_an_institution_they_do_not_edit() {
        Desk desk = new Desk();
        Campus.Place library = campus.institution("Albertslund Bibliotek");

        Api.Response moved = desk.editor.put(PATH + desk.slug, campus.announcement(library, desk.slug));

        assertForbidden(moved, "You may not move announcements to Albertslund Bibliotek.");
    }

    @Test
    void an_editor_cannot_approve_or_reject_even_their_own_announcement() {
        Desk desk = new Desk().submitted();

        assertForbidden(desk.step(desk.editor, "approve"), "Only approvers may approve announcements.");
        assertForbidden(desk.editor.post(PATH + desk.slug + "/reject", Map.of("reason", "x")), "Only approvers may reject announcements.");
        assertThat(desk.storedStatus()).isEqualTo("submitted");
    }

    @Test
    void an_approver_approves_for_any_institution_but_does_not_write_for_it() {
        Desk desk = new Desk().submitted();

        Api.Response approved = desk.step(desk.approver, "approve");
        Api.Response archive = desk.step(desk.approver, "archive");

        assertThat(approved.status()).isEqualTo(200);
        assertThat(approved.body()).containsEntry("status", "approved");
        assertForbidden(archive, "You may not change announcements of Gymnasiet.");
    }

    @Test
    void a_viewer_can_read_but_not_write() {
        Desk desk = new Desk().approved();
        Api viewer = fixtures.signedIn(Role.VIEWER, desk.school.id());

        Api.Response create = viewer.post("/api/v1/announcements", campus.announcement(desk.school, fixtures.unique("kigger")));
        Api.Response read = viewer.get(PATH + desk.slug);

        assertForbidden(create, "You may not write announcements for Gymnasiet.");
        assertForbidden(viewer.post(PATH + desk.slug + "/archive", Map.of()), "You may not change announcements of Gymnasiet.");
        assertThat(read.status()).isEqualTo(200);
    }

    private long auditRows(String slug) {
        return (Long) fixtures.rows("""
                SELECT count(*) AS n FROM audit_log WHERE entity_type = 'announcement'
                AND entity_id = (SELECT id FROM announcement WHERE slug = ?)""", slug).get(0).get("n");
    }

    private static void assertConflict(Api.Response response, String detail) {
        assertThat(response.status()).isEqualTo(409);
        assertThat(response.body()).containsEntry("detail", detail);
    }

    private static void assertForbidden(Api.Response response, String detail) {
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).containsEntry("detail", detail);
    }
}
