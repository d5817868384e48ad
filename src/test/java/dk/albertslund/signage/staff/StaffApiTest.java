package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import dk.albertslund.signage.core.Sha256;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StaffApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;

    private String institution(Api admin, String name) {
        String slug = fixtures.unique(name.toLowerCase().replace(' ', '-'));
        admin.post("/api/v1/institutions", Map.of("slug", slug, "name", name));
        return slug;
    }

    @Test
    void an_admin_creates_an_editor_with_a_password_who_can_then_sign_in() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String school = institution(admin, "Albertslund Gymnasium");
        String username = fixtures.unique("lise");

        Api.Response created = admin.post("/api/v1/staff", Map.of("username", username, "displayName", "Lise Lærer",
                "roles", List.of("editor"), "institutions", List.of(school), "password", "a password for lise"));

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/staff/" + username);
        @SuppressWarnings("unchecked")
        Map<String, Object> staff = (Map<String, Object>) created.body().get("staff");
        assertThat(staff).containsEntry("username", username).containsEntry("displayName", "Lise Lærer")
                .containsEntry("roles", List.of("editor")).containsEntry("institutions", List.of(school))
                .containsEntry("active", true).doesNotContainKeys("password", "passwordHash");
        assertThat(created.body()).doesNotContainKey("invitationUrl");
        assertThat(clients.signIn(username, "a password for lise").get("/api/v1/auth/me").body())
                .containsEntry("institutions", List.of(school));
        assertThat(fixtures.rows("""
                SELECT after_json->>'username' AS username, after_json::text LIKE '%argon2%' AS leaks_hash
                FROM audit_log WHERE entity_type = 'staff_user' AND action = 'create' AND after_json->>'username' = ?""", username))
                .containsExactly(Map.of("username", username, "leaks_hash", false));
    }

    @Test
    void bad_input_names_every_wrong_field_at_once() {
        Api.Response response = fixtures.signedIn(Role.ADMIN).post("/api/v1/staff", Map.of("username", "x",
                "roles", List.of("editor", "superuser"), "institutions", List.of("no-such-school"), "password", "short"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactlyInAnyOrder("username", "displayName", "password", "roles", "institutions");
        assertThat(response.text()).contains("no such role 'superuser'; use admin, approver, editor or viewer",
                "no institution 'no-such-school'");
    }

    @Test
    void a_username_is_taken_only_once() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String username = fixtures.unique("ole");
        admin.post("/api/v1/staff", Map.of("username", username, "displayName", "Ole", "roles", List.of("viewer")));

        Api.Response again = admin.post("/api/v1/staff", Map.of("username", username, "displayName", "Ole 2", "roles", List.of("viewer")));

        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body()).containsEntry("detail", "A staff member with the username '" + username + "' already exists.");
    }

    @Test
    void only_admins_manage_staff() {
        Api approver = fixtures.signedIn(Role.APPROVER);

        Api.Response list = approver.get("/api/v1/staff");
        Api.Response create = approver.post("/api/v1/staff", Map.of("username", fixtures.unique("eve"),
                "displayName", "Eve", "roles", List.of("admin")));

        assertThat(list.status()).isEqualTo(403);
        assertThat(create.status()).isEqualTo(403);
        assertThat(create.body()).containsEntry("detail", "Only administrators may manage staff accounts.");
    }

    @Test
    void the_list_filters_by_role_active_and_text_and_sorts_by_allowed_fields_only() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String tag = fixtures.unique("filter");
        for (String[] person : new String[][]{{"a", "Charlotte", "approver"}, {"b", "Bent", "approver"}, {"c", "Asger", "viewer"}}) {
            admin.post("/api/v1/staff", Map.of("username", tag + "-" + person[0], "displayName", person[1] + " " + tag,
                    "roles", List.of(person[2]), "password", "a good long password"));
        }
        admin.put("/api/v1/staff/" + tag + "-b", Map.of("active", false));

        Api.Response approvers = admin.get("/api/v1/staff?q=" + tag + "&role=approver&sort=displayName,desc");
        Api.Response active = admin.get("/api/v1/staff?q=" + tag + "&active=true&sort=displayName");
        Api.Response badRole = admin.get("/api/v1/staff?role=boss");
        Api.Response badSort = admin.get("/api/v1/staff?sort=passwordHash");

        assertThat(approvers.items()).extracting(s -> s.get("username")).containsExactly(tag + "-a", tag + "-b");
        assertThat(approvers.body()).containsEntry("total", 2);
        assertThat(active.items()).extracting(s -> s.get("username")).containsExactly(tag + "-c", tag + "-a");
        assertThat(badRole.status()).isEqualTo(400);
        assertThat(badRole.errorFields()).containsExactly("role");
        assertThat(badSort.errorFields()).containsExactly("sort");
    }

    @Test
    void an_admin_reads_one_account_by_username_and_an_unknown_one_is_404() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));

        Api.Response found = admin.get("/api/v1/staff/" + username);
        Api.Response missing = admin.get("/api/v1/staff/nobody-at-all");

        assertThat(found.body()).containsEntry("username", username).containsEntry("roles", List.of("viewer"));
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.body()).containsEntry("detail", "No staff member 'nobody-at-all'.");
    }

    @Test
    void an_update_changes_name_roles_and_institutions_and_is_audited_before_and_after() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String library = institution(admin, "Albertslund Bibliotek");
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));

        Api.Response updated = admin.put("/api/v1/staff/" + username, Map.of("displayName", "Bibliotekar Birte",
                "roles", List.of("editor", "approver"), "institutions", List.of(library)));

        assertThat(updated.status()).isEqualTo(200);
        assertThat(updated.body()).containsEntry("displayName", "Bibliotekar Birte")
                .containsEntry("roles", List.of("approver", "editor")).containsEntry("institutions", List.of(library));
        assertThat(fixtures.rows("""
                SELECT before_json->>'displayName' AS before, after_json->>'displayName' AS after,
                       (before_json::text || after_json::text) LIKE '%argon2%' AS leaks_hash
                FROM audit_log WHERE entity_type = 'staff_user' AND action = 'update' AND after_json->>'username' = ?""", username))
                .containsExactly(Map.of("before", "Test " + username, "after", "Bibliotekar Birte", "leaks_hash", false));
    }

    @Test
    void the_username_cannot_be_changed_and_the_password_is_not_an_admins_to_set() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));

        Api.Response response = admin.put("/api/v1/staff/" + username, Map.of("username", "someone-else", "password", "a new long password"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("username", "password");
    }

    @Test
    void deactivating_someone_stops_their_signed_in_session_and_their_api_tokens_at_once() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), editorInstitution(admin));
        Api session = fixtures.signInAs(username);
        Api script = clients.bearer((String) session.post("/api/v1/auth/tokens", Map.of("name", "Nightly")).body().get("token"));
        assertThat(session.get("/api/v1/auth/me").status()).isEqualTo(200);
        assertThat(script.get("/api/v1/auth/me").status()).isEqualTo(200);

        Api.Response deactivated = admin.put("/api/v1/staff/" + username, Map.of("active", false));
        Api.Response sessionAfter = session.get("/api/v1/auth/me");
        Api.Response scriptAfter = script.get("/api/v1/auth/me");
        Api.Response readingAfter = session.get("/api/v1/institutions");
        Api.Response signInAfter = fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", username, "password", Fixtures.PASSWORD));

        assertThat(deactivated.body()).containsEntry("active", false);
        assertThat(sessionAfter.status()).isEqualTo(401);
        assertThat(sessionAfter.body()).containsEntry("detail", "This account no longer exists, has been deactivated, or has signed out.");
        assertThat(scriptAfter.status()).isEqualTo(401);
        assertThat(readingAfter.status()).isEqualTo(401);
        assertThat(readingAfter.body()).containsEntry("detail", "This account no longer exists, has been deactivated, or has signed out.");
        assertThat(signInAfter.status()).isEqualTo(401);
    }

    private Long editorInstitution(Api admin) {
        String slug = institution(admin, "Musikskolen");
        return ((Number) admin.get("/api/v1/institutions/" + slug).body().get("id")).longValue();
    }

    @Test
    void an_account_made_without_a_password_comes_with_a_one_time_invitation_link() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String username = fixtures.unique("ny");

        Api.Response created = admin.post("/api/v1/staff", Map.of("username", username, "displayName", "Ny Kollega",
                "roles", List.of("viewer")));
        Api.Response fetched = admin.get("/api/v1/staff/" + username);

        String link = (String) created.body().get("invitationUrl");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(link).contains("/setup?token=");
        assertThat(fetched.text()).doesNotContain(StaffClients.tokenOf(link));
        var rows = fixtures.rows("""
                SELECT t.purpose, u.username, u.password_hash FROM setup_token t JOIN staff_user u ON u.id = t.staff_user_id
                WHERE t.token_hash = ?""", Sha256.hex(StaffClients.tokenOf(link)));
        var expected = new HashMap<String, Object>(Map.of("purpose", "invite", "username", username));
        expected.put("password_hash", null);
        assertThat(rows).containsExactly(expected);
    }
}
