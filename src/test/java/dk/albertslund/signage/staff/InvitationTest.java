package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** An invited staff member chooses their own password on the setup page. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvitationTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;

    private String invite(Api admin, String username, String displayName) {
        Api.Response created = admin.post("/api/v1/staff", Map.of("username", username, "displayName", displayName,
                "roles", List.of("approver")));
        assertThat(created.status()).isEqualTo(201);
        return StaffClients.tokenOf((String) created.body().get("invitationUrl"));
    }

    @Test
    void the_invited_person_sees_their_name_chooses_a_password_and_signs_in() {
        String username = fixtures.unique("mette");
        String token = invite(fixtures.signedIn(Role.ADMIN), username, "Mette <Musik> Madsen");
        Api.Response beforeSetup = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", username, "password", "anything at all"));

        Api.Response form = clients.setupPage(token);
        Api.Response done = clients.submitSetup(Map.of("token", token, "password", "mettes own password", "repeat", "mettes own password"));
        Api.Response reused = clients.setupPage(token);

        assertThat(beforeSetup.status()).isEqualTo(401);
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.text()).contains("Vælg din adgangskode", "Choose your password",
                "<dd id=\"username\">" + username + "</dd>", "<dd id=\"displayName\">Mette &lt;Musik&gt; Madsen</dd>");
        assertThat(form.text()).doesNotContain("name=\"username\"", "name=\"displayName\"");
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.text()).contains("<strong id=\"done-username\">" + username + "</strong>");
        assertThat(clients.signIn(username, "mettes own password").get("/api/v1/auth/me").body())
                .containsEntry("roles", List.of("approver"));
        assertThat(reused.status()).isEqualTo(410);
    }

    @Test
    void a_mismatched_repeat_keeps_the_link_usable() {
        String username = fixtures.unique("jonas");
        String token = invite(fixtures.signedIn(Role.ADMIN), username, "Jonas");

        Api.Response mismatch = clients.submitSetup(Map.of("token", token, "password", "jonas own password", "repeat", "jonas own passwort"));
        Api.Response form = clients.setupPage(token);

        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.text()).contains("<p class=\"error\" id=\"repeat-error\">does not match the password</p>",
                "<dd id=\"username\">" + username + "</dd>");
        assertThat(form.status()).isEqualTo(200);
    }

    @Test
    void a_script_can_accept_an_invitation_through_the_json_api() {
        String username = fixtures.unique("robot");
        String token = invite(fixtures.signedIn(Role.ADMIN), username, "Robot");

        Api.Response accepted = fixtures.anonymous().post("/api/v1/auth/setup", Map.of("token", token, "password", "robots long password"));

        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.body()).containsEntry("username", username);
        assertThat(clients.signIn(username, "robots long password").get("/api/v1/auth/me").status()).isEqualTo(200);
    }

    @Test
    void the_link_of_a_deactivated_invitee_is_refused_with_403() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String username = fixtures.unique("gone");
        String token = invite(admin, username, "Gone Away");
        admin.put("/api/v1/staff/" + username, Map.of("active", false));

        Api.Response page = clients.setupPage(token);

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text()).contains("Denne konto er deaktiveret.", "This account has been deactivated.");
    }
}
