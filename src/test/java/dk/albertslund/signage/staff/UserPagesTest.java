package dk.albertslund.signage.staff;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import dk.albertslund.signage.core.ListQuery;
import io.micronaut.data.model.Sort;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The administrators' pages for staff accounts: who may open them, inviting, editing, deactivating. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class UserPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    StaffService staff;

    private WebClient admin() {
        return fixtures.browserAs(Role.ADMIN).language("en");
    }

    private List<Map<String, Object>> account(String username) {
        return fixtures.rows("SELECT array_to_string(roles, ',') AS roles, active FROM staff_user WHERE username = ?", username);
    }

    @Test
    void only_administrators_may_open_the_users_pages_or_send_their_forms() {
        String someone = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        for (Role role : List.of(Role.APPROVER, Role.EDITOR, Role.VIEWER)) {
            Long institution = content.institution("Biblioteket").id();
            WebClient browser = fixtures.browserAs(role, institution).language("da");

            for (String path : List.of("/admin/users", "/admin/users/new", "/admin/users/" + someone)) {
                WebClient.Page page = browser.get(path);
                assertThat(page.status()).as(role + " " + path).isEqualTo(403);
                assertThat(page.text("h1")).isEqualTo("Det har du ikke adgang til");
            }
            WebClient.Page invite = browser.submit("/admin/users", Map.of("username", fixtures.unique("sneaky"),
                    "displayName", "Sneaky", "roles", "admin"));
            WebClient.Page deactivate = browser.submit("/admin/users/" + someone + "/active", Map.of("active", "false"));
            assertThat(invite.status()).isEqualTo(403);
            assertThat(deactivate.status()).isEqualTo(403);
            assertThat(browser.get("/admin/dashboard").document().select("nav a[href=/admin/users]")).isEmpty();
        }
        assertThat(fixtures.rows("SELECT username FROM staff_user WHERE username LIKE 'sneaky-%'")).isEmpty();
        assertThat(account(someone)).containsExactly(Map.of("roles", "viewer", "active", true));
    }

    @Test
    void signed_out_visitors_are_sent_to_sign_in_and_forms_without_a_token_are_refused() {
        WebClient.Page signedOut = fixtures.browser().get("/admin/users");
        String someone = fixtures.staffMember(EnumSet.of(Role.VIEWER));

        WebClient.Page forged = admin().post("/admin/users/" + someone + "/active", Map.of("active", "false"));

        assertThat(signedOut.status()).isIn(302, 303);
        assertThat(signedOut.location()).hasValue("/admin/login");
        assertThat(forged.status()).isEqualTo(403);
        assertThat(account(someone)).containsExactly(Map.of("roles", "viewer", "active", true));
    }

    @Test
    void the_list_shows_each_persons_name_username_roles_institutions_and_status() {
        ContentFixtures.Institution library = content.institution("Biblioteket");
        String username = fixtures.unique("karen");
        staff.create("test", username, "Karen <Kultur> Jensen", Fixtures.PASSWORD, EnumSet.of(Role.EDITOR, Role.APPROVER), Set.of(library.id()));
        WebClient browser = admin();

        WebClient.Page page = browser.get("/admin/users?q=" + username);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("h1")).isEqualTo("Users");
        assertThat(page.text("#users caption")).isEqualTo("One staff member");
        Element row = page.document().selectFirst("#users tbody tr");
        assertThat(row.select("th, td").eachText())
                .containsExactly("Karen <Kultur> Jensen", username, "Approver Editor", library.name(), "Active");
        assertThat(row.selectFirst("th a").attr("href")).isEqualTo("/admin/users/" + username);
        assertThat(page.html()).contains("Karen &lt;Kultur&gt; Jensen");
        assertThat(page.document().selectFirst("nav a[href=/admin/users]").attr("aria-current")).isEqualTo("page");
    }

    @Test
    void an_invitation_shows_a_one_time_link_that_sets_a_password_and_lets_the_person_sign_in() {
        ContentFixtures.Institution school = content.institution("Gymnasiet");
        String username = fixtures.unique("mette");
        WebClient browser = admin();
        assertThat(browser.get("/admin/users/new").document().select("#institutions input[type=checkbox]").eachAttr("value"))
                .contains(school.slug());

        WebClient.Page shown = browser.submit("/admin/users", Map.of("username", username, "displayName", "Mette Madsen",
                "roles", "editor", "institutions", school.slug()));

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(shown.text("h1")).isEqualTo("Mette Madsen is invited");
        assertThat(shown.text("#invitation-expiry")).matches("The link works once and expires \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d\\d:\\d\\d\\.");
        String link = shown.document().selectFirst("#invitation-link").attr("value");
        assertThat(link).startsWith("http://localhost:8080/setup?token=");
        assertThat(staff.get(new Staff(0, "test", Set.of(Role.ADMIN), Set.of()), username).institutions()).containsExactly(school.slug());

        WebClient newcomer = fixtures.browser();
        URI uri = URI.create(link);
        WebClient.Page setup = newcomer.get(uri.getPath() + "?" + uri.getQuery());
        assertThat(setup.text("#username")).isEqualTo(username);
        String token = setup.document().selectFirst("input[name=token]").attr("value");
        WebClient.Page done = newcomer.post("/setup", Map.of("token", token, "password", "mettes own password", "repeat", "mettes own password"));
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.document().selectFirst("#sign-in").attr("href")).isEqualTo("http://localhost:8080/admin/login");

        newcomer.signIn(username, "mettes own password");
        assertThat(newcomer.get("/admin/account").text("dl.facts dd:nth-of-type(2)")).isEqualTo(username);
        assertThat(newcomer.get(uri.getPath() + "?" + uri.getQuery()).status()).isEqualTo(410);
    }

    @Test
    void a_bad_invitation_names_every_wrong_field_beside_it_and_keeps_what_was_typed() {
        WebClient browser = admin();

        WebClient.Page page = browser.submit("/admin/users", Map.of("username", "Not Valid!", "displayName", " ", "roles", List.of()));
        WebClient.Page editor = browser.submit("/admin/users", Map.of("username", fixtures.unique("ed"), "displayName", "Ed", "roles", "editor"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#username-error")).isEqualTo("Use 2 to 64 characters: lowercase letters, digits and . _ @ -");
        assertThat(page.document().selectFirst("#username").attr("value")).isEqualTo("Not Valid!");
        assertThat(page.document().selectFirst("#username").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().selectFirst("#username").attr("aria-describedby")).isEqualTo("username-hint username-error");
        assertThat(page.text("#displayName-error")).isEqualTo("Write a name of 1 to 120 characters.");
        assertThat(page.text("#roles-error")).isEqualTo("Choose at least one role.");
        assertThat(page.text("#institutions-error")).isEmpty();
        assertThat(editor.status()).isEqualTo(400);
        assertThat(editor.text("#institutions-error")).isEqualTo("An editor needs at least one institution.");
        assertThat(editor.document().select("#roles input[checked]").eachAttr("value")).containsExactly("editor");
        assertThat(editor.text("#username-error")).isEmpty();
    }

    @Test
    void inviting_a_taken_username_says_so_beside_the_username_in_danish() {
        String taken = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        WebClient browser = fixtures.browserAs(Role.ADMIN).language("da");

        WebClient.Page page = browser.submit("/admin/users", Map.of("username", taken, "displayName", "Another", "roles", "viewer"));

        assertThat(page.status()).isEqualTo(409);
        assertThat(page.text("#username-error")).isEqualTo("Brugernavnet " + taken + " er allerede i brug. Vælg et andet.");
        assertThat(fixtures.rows("SELECT display_name FROM staff_user WHERE username = ?", taken)).containsExactly(Map.of("display_name", "Test " + taken));
    }

    @Test
    void an_administrator_changes_roles_and_institutions_and_unticking_all_institutions_removes_them() {
        ContentFixtures.Institution library = content.institution("Biblioteket");
        ContentFixtures.Institution music = content.institution("Musikskolen");
        String username = fixtures.staffMember(EnumSet.of(Role.EDITOR), library.id());
        WebClient browser = admin();
        WebClient.Page form = browser.get("/admin/users/" + username);
        assertThat(form.text("h1")).isEqualTo("Edit Test " + username);
        assertThat(form.document().select("#roles input[checked]").eachAttr("value")).containsExactly("editor");
        assertThat(form.document().select("#institutions input[checked]").eachAttr("value")).containsExactly(library.slug());

        WebClient.Page moved = browser.submit("/admin/users/" + username, Map.of("displayName", "Sofie Holm",
                "roles", List.of("editor", "approver"), "institutions", music.slug()));
        WebClient.Page approverOnly = browser.submit("/admin/users/" + username, Map.of("displayName", "Sofie Holm", "roles", "approver"));

        assertThat(moved.status()).isEqualTo(303);
        assertThat(moved.location()).hasValue("/admin/users?notice=users.saved");
        assertThat(browser.get(moved.location().orElseThrow()).text("[role=status]")).isEqualTo("The account has been saved.");
        assertThat(approverOnly.status()).isEqualTo(303);
        StaffService.View view = staff.get(new Staff(0, "test", Set.of(Role.ADMIN), Set.of()), username);
        assertThat(view.displayName()).isEqualTo("Sofie Holm");
        assertThat(view.roles()).containsExactly("approver");
        assertThat(view.institutions()).isEmpty();
    }

    @Test
    void a_deactivated_person_cannot_sign_in_until_reactivated() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        WebClient browser = admin();

        WebClient.Page off = browser.submit("/admin/users/" + username + "/active", Map.of("active", "false"));
        WebClient.Page shown = browser.get(off.location().orElseThrow());
        WebClient login = fixtures.browser();
        login.get("/admin/login");
        WebClient.Page refused = login.submit("/admin/login", Map.of("username", username, "password", Fixtures.PASSWORD));
        WebClient.Page on = browser.submit("/admin/users/" + username + "/active", Map.of("active", "true"));

        assertThat(off.location()).hasValue("/admin/users/" + username + "?notice=users.deactivated");
        assertThat(shown.text("[role=status]")).isEqualTo("The account has been deactivated. The person can no longer sign in.");
        assertThat(shown.text("#status .badge")).isEqualTo("Deactivated");
        assertThat(shown.document().select("#reactivate")).hasSize(1);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(on.location()).hasValue("/admin/users/" + username + "?notice=users.reactivated");
        assertThat(account(username)).containsExactly(Map.of("roles", "viewer", "active", true));
        fixtures.browser().signIn(username, Fixtures.PASSWORD);
    }

    @Test
    void the_last_administrator_is_told_beside_the_button_and_the_roles_why_they_cannot_step_down() {
        String me = fixtures.staffMember(EnumSet.of(Role.ADMIN));
        Staff actor = new Staff(0, me, Set.of(Role.ADMIN), Set.of());
        List<StaffService.View> others = staff.list(actor, new ListQuery(0, ListQuery.MAX_SIZE, Sort.UNSORTED,
                        Map.of("role", "admin", "active", "true")))
                .getContent().stream().filter(view -> !view.username().equals(me)).toList();
        // Demoted for the moment rather than deactivated: a deactivation ends their sessions
        // for good, and the other tests' administrators (the content fixtures' one among
        // them) must work on with theirs.
        others.forEach(other -> staff.update(actor, other.username(),
                new StaffService.Command(null, null, List.of("viewer"), null, null, null)));
        WebClient browser = fixtures.browser().language("en").signIn(me, Fixtures.PASSWORD);

        WebClient.Page deactivate;
        WebClient.Page demote;
        try {
            deactivate = browser.submit("/admin/users/" + me + "/active", Map.of("active", "false"));
            demote = browser.submit("/admin/users/" + me, Map.of("displayName", "Test " + me, "roles", "approver"));
        } finally {
            others.forEach(other -> staff.update(actor, other.username(),
                    new StaffService.Command(null, null, other.roles(), null, null, null)));
        }

        String lastAdmin = "You are the last active administrator. Make someone else an administrator before you step down or deactivate yourself.";
        assertThat(deactivate.status()).isEqualTo(409);
        assertThat(deactivate.text("#active-error")).isEqualTo(lastAdmin);
        assertThat(deactivate.document().selectFirst("#deactivate").attr("aria-describedby")).isEqualTo("active-error");
        assertThat(demote.status()).isEqualTo(409);
        assertThat(demote.text("#roles-error")).isEqualTo(lastAdmin);
        assertThat(demote.document().select("#roles input[checked]").eachAttr("value")).containsExactly("approver");
        assertThat(account(me)).containsExactly(Map.of("roles", "admin", "active", true));
    }

    @Test
    void a_new_link_lets_someone_who_forgot_their_password_choose_another() {
        String username = fixtures.staffMember(EnumSet.of(Role.APPROVER));
        WebClient browser = admin();

        WebClient.Page shown = browser.submit("/admin/users/" + username + "/link", Map.of());

        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.text("h1")).isEqualTo("New link for Test " + username);
        URI link = URI.create(shown.document().selectFirst("#invitation-link").attr("value"));
        WebClient person = fixtures.browser();
        String token = person.get(link.getPath() + "?" + link.getQuery()).document().selectFirst("input[name=token]").attr("value");
        assertThat(person.post("/setup", Map.of("token", token, "password", "a brand new passphrase", "repeat", "a brand new passphrase")).status())
                .isEqualTo(200);
        person.signIn(username, "a brand new passphrase");
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'staff_user' AND actor <> 'test' AND entity_id = "
                + "(SELECT id FROM staff_user WHERE username = ?) ORDER BY id", username))
                .extracting(row -> row.get("action")).containsExactly("invite", "set-password");
    }
}
