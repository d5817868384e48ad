package dk.albertslund.signage.institution;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstitutionApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void an_admin_creates_an_institution_and_every_staff_member_can_read_it() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String slug = fixtures.unique("bibliotek");

        Api.Response created = admin.post("/api/v1/institutions",
                Map.of("slug", slug, "name", "Albertslund Bibliotek", "colour", "#005f73"));
        Api.Response read = fixtures.signedIn(Role.VIEWER).get("/api/v1/institutions/" + slug);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/institutions/" + slug);
        assertThat(read.body()).containsEntry("name", "Albertslund Bibliotek").containsEntry("colour", "#005f73");
    }

    @Test
    void the_change_is_written_to_the_audit_log_with_who_and_the_after_state() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String slug = fixtures.unique("musikskolen");
        admin.post("/api/v1/institutions", Map.of("slug", slug, "name", "Musikskolen"));

        Api.Response renamed = admin.put("/api/v1/institutions/" + slug, Map.of("name", "Albertslund Musikskole"));

        assertThat(renamed.status()).isEqualTo(200);
        var audit = fixtures.rows("""
                SELECT actor, before_json->>'name' AS before, after_json->>'name' AS after FROM audit_log
                WHERE entity_type = 'institution' AND action = 'update' AND after_json->>'slug' = ?""", slug);
        assertThat(audit).hasSize(1);
        assertThat((String) audit.get(0).get("actor")).startsWith("admin-");
        assertThat(audit.get(0)).containsEntry("before", "Musikskolen").containsEntry("after", "Albertslund Musikskole");
    }

    @Test
    void an_editor_may_not_create_institutions() {
        Api.Response response = fixtures.signedIn(Role.VIEWER).post("/api/v1/institutions",
                Map.of("slug", fixtures.unique("x"), "name", "X"));

        assertThat(response.status()).isEqualTo(403);
        assertThat(response.body()).containsEntry("detail", "Only administrators may change institutions.");
    }

    @Test
    void without_a_token_the_api_answers_401() {
        assertThat(fixtures.anonymous().get("/api/v1/institutions").status()).isEqualTo(401);
    }

    @Test
    void bad_input_names_every_field_that_is_wrong() {
        Api.Response response = fixtures.signedIn(Role.ADMIN).post("/api/v1/institutions",
                Map.of("slug", "Not A Slug", "colour", "blue"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("slug", "name", "colour");
    }

    @Test
    void a_duplicate_slug_is_a_conflict() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String slug = fixtures.unique("forbraendingen");
        admin.post("/api/v1/institutions", Map.of("slug", slug, "name", "Forbrændingen"));

        Api.Response again = admin.post("/api/v1/institutions", Map.of("slug", slug, "name", "Forbrændingen igen"));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("detail", "An institution with the slug '" + slug + "' already exists.");
    }

    @Test
    void an_unknown_slug_is_404() {
        Api.Response response = fixtures.signedIn(Role.VIEWER).get("/api/v1/institutions/no-such-place");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.body()).containsEntry("detail", "No institution 'no-such-place'.");
    }

    @Test
    void lists_page_sort_and_filter_only_by_what_is_allowed() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String tag = fixtures.unique("paging");
        for (String name : new String[]{"Charlie", "Alpha", "Bravo"}) {
            admin.post("/api/v1/institutions", Map.of("slug", tag + "-" + name.toLowerCase(), "name", name + " " + tag));
        }

        Api.Response page = admin.get("/api/v1/institutions?q=" + tag + "&sort=name,desc&size=2");
        Api.Response badSort = admin.get("/api/v1/institutions?sort=password_hash");
        Api.Response unknownFilter = admin.get("/api/v1/institutions?drop=table");
        Api.Response badSize = admin.get("/api/v1/institutions?size=100000");

        assertThat(page.items()).extracting(i -> i.get("name")).containsExactly("Charlie " + tag, "Bravo " + tag);
        assertThat(page.body()).containsEntry("total", 3);
        assertThat(badSort.status()).isEqualTo(400);
        assertThat(badSort.errorFields()).containsExactly("sort");
        assertThat(unknownFilter.status()).isEqualTo(400);
        assertThat(unknownFilter.errorFields()).containsExactly("drop");
        assertThat(badSize.errorFields()).containsExactly("size");
    }
}
