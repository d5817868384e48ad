package dk.albertslund.signage.staff;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.albertslund.signage.config.SignageConfiguration;
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
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import dk.albertslund.signage.core.Secrets;
import dk.albertslund.signage.core.Sha256;

/**
 * A first start with no staff at all, told in order: the logged link, the form, mistakes,
 * refusals, the admin created, and the link spent. Each step depends on the staff table
 * being empty until step 5, hence the order.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FirstAdminSetupTest implements PostgresTest {

    /** Attached before the server starts (class initialisation precedes the Micronaut context). */
    private static final ListAppender<ILoggingEvent> FIRST_ADMIN_LOG = capture();

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;
    @Inject
    SetupLinks setupLinks;
    @Inject
    SignageConfiguration configuration;

    private static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(FirstAdmin.class)).addAppender(appender);
        return appender;
    }

    private String loggedLink() {
        List<String> messages = FIRST_ADMIN_LOG.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(messages).hasSize(1);
        return messages.get(0).lines().map(String::strip).filter(line -> line.contains("/setup?token=")).findFirst().orElseThrow();
    }

    private Map<String, String> validForm(String token) {
        return Map.of("token", token, "username", "anna.admin", "displayName", "Anna Andersen",
                "password", "a long first password", "repeat", "a long first password");
    }

    @Test
    @Order(1)
    void with_no_staff_the_first_start_logs_a_one_time_setup_link_and_stores_only_its_hash() {
        String link = loggedLink();

        assertThat(link).matches(Pattern.quote(configuration.getPublicUrl() + "/setup?token=") + "[A-Za-z0-9_-]{43}");
        List<Map<String, Object>> rows = fixtures.rows("SELECT token_hash, purpose, staff_user_id, used_at FROM setup_token");
        assertThat(rows).hasSize(1);
        assertThat(rows.get(0)).containsEntry("token_hash", Sha256.hex(StaffClients.tokenOf(link)))
                .containsEntry("purpose", "first-admin").containsEntry("staff_user_id", null).containsEntry("used_at", null);
    }

    @Test
    @Order(2)
    void the_link_opens_a_form_in_danish_and_english_that_carries_the_token() {
        String token = StaffClients.tokenOf(loggedLink());

        Api.Response page = clients.setupPage(token);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("Opret den første administrator", "Create the first administrator",
                "<input type=\"hidden\" name=\"token\" value=\"" + token + "\">",
                "name=\"username\"", "name=\"displayName\"", "name=\"password\"", "name=\"repeat\"");
        assertThat(page.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(page.headers().get("Cache-Control")).isEqualTo("no-store");
    }

    @Test
    @Order(3)
    void bad_input_shows_the_form_again_with_each_message_beside_its_field_keeping_what_was_typed_but_not_the_password() {
        String token = StaffClients.tokenOf(loggedLink());

        Api.Response page = clients.submitSetup(Map.of("token", token, "username", "Ab <script>",
                "displayName", "", "password", "short one", "repeat", "short one"));
        Api.Response mismatch = clients.submitSetup(Map.of("token", token, "username", "anna.admin",
                "displayName", "Anna <b>Andersen</b>", "password", "a long first password", "repeat", "a long first passwort"));

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text()).contains(
                "<p class=\"error\" id=\"username-error\">must be 2–64 characters: lowercase letters, digits, . _ @ -</p>",
                "<p class=\"error\" id=\"displayName-error\">must be between 1 and 120 characters</p>",
                "<p class=\"error\" id=\"password-error\">must be at least 10 characters long</p>",
                "value=\"Ab &lt;script&gt;\"",
                "<input type=\"hidden\" name=\"token\" value=\"" + token + "\">");
        assertThat(page.text()).doesNotContain("short one", "<script>", "repeat-error");
        assertThat(mismatch.status()).isEqualTo(400);
        assertThat(mismatch.text()).contains("<p class=\"error\" id=\"repeat-error\">does not match the password</p>",
                "value=\"Anna &lt;b&gt;Andersen&lt;/b&gt;\"");
        assertThat(mismatch.text()).doesNotContain("a long first passw", "username-error");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM staff_user")).containsExactly(Map.of("n", 0L));
        assertThat(fixtures.rows("SELECT used_at FROM setup_token WHERE token_hash = ?", Sha256.hex(token)))
                .extracting(row -> row.get("used_at")).containsExactly((Object) null);
    }

    @Test
    @Order(4)
    void an_expired_or_unknown_link_is_refused_with_410_and_a_sentence_in_both_languages() {
        String expired = Secrets.random();
        fixtures.rows("INSERT INTO setup_token (token_hash, purpose, expires_at) VALUES (?, 'first-admin', now() - interval '1 second') RETURNING id",
                Sha256.hex(expired));

        Api.Response expiredPage = clients.setupPage(expired);
        Api.Response expiredSubmit = clients.submitSetup(validForm(expired));
        Api.Response unknownPage = clients.setupPage("not-a-real-token");

        for (Api.Response page : List.of(expiredPage, expiredSubmit, unknownPage)) {
            assertThat(page.status()).isEqualTo(410);
            assertThat(page.text()).contains(
                    "<p id=\"refusal-da\">Dette link er allerede brugt eller udløbet. Bed en administrator om et nyt.</p>",
                    "This setup link has already been used or has expired. Ask an administrator for a new one.");
            assertThat(page.text()).doesNotContain("<form");
        }
        assertThat(fixtures.rows("SELECT count(*) AS n FROM staff_user")).containsExactly(Map.of("n", 0L));
    }

    @Test
    @Order(5)
    void the_link_creates_the_first_admin_who_can_then_sign_in() {
        String token = StaffClients.tokenOf(loggedLink());

        Api.Response page = clients.submitSetup(validForm(token));

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text()).contains("Kontoen er klar", "The account is ready",
                "<strong id=\"done-username\">anna.admin</strong>",
                "<a id=\"sign-in\" href=\"" + configuration.getPublicUrl() + "/admin/login\">");
        Api admin = clients.signIn("anna.admin", "a long first password");
        assertThat(admin.get("/api/v1/auth/me").body()).containsEntry("username", "anna.admin")
                .containsEntry("displayName", "Anna Andersen").containsEntry("roles", List.of("admin"));
        assertThat(fixtures.rows("SELECT used_at IS NOT NULL AS used FROM setup_token WHERE token_hash = ?", Sha256.hex(token)))
                .containsExactly(Map.of("used", true));
        assertThat(fixtures.rows("""
                SELECT actor, action, after_json->>'username' AS username, after_json::text LIKE '%argon2%' AS leaks_hash
                FROM audit_log WHERE entity_type = 'staff_user'"""))
                .containsExactly(Map.of("actor", "anna.admin", "action", "create", "username", "anna.admin", "leaks_hash", false));
    }

    @Test
    @Order(6)
    void a_used_link_is_refused_with_410() {
        String token = StaffClients.tokenOf(loggedLink());

        Api.Response page = clients.setupPage(token);
        Api.Response again = clients.submitSetup(Map.of("token", token, "username", "someone.else", "displayName", "Someone Else",
                "password", "another long password", "repeat", "another long password"));

        assertThat(page.status()).isEqualTo(410);
        assertThat(again.status()).isEqualTo(410);
        assertThat(fixtures.rows("SELECT username FROM staff_user")).containsExactly(Map.of("username", "anna.admin"));
    }

    @Test
    @Order(7)
    void once_staff_exist_a_new_first_admin_link_is_refused_with_403() {
        String token = StaffClients.tokenOf(setupLinks.createFirstAdminLink());

        Api.Response page = clients.setupPage(token);
        Api.Response submitted = clients.submitSetup(validForm(token));
        Api.Response json = fixtures.anonymous().post("/api/v1/auth/setup", Map.of("token", token, "username", "mallory",
                "displayName", "Mallory", "password", "a long first password"));

        assertThat(page.status()).isEqualTo(403);
        assertThat(page.text()).contains("Der findes allerede medarbejderkonti",
                "Staff accounts already exist, so this link can no longer create the first administrator.");
        assertThat(submitted.status()).isEqualTo(403);
        assertThat(json.status()).isEqualTo(403);
        assertThat(json.body()).containsEntry("detail",
                "Staff accounts already exist, so this link can no longer create the first administrator. Ask an administrator for an account.");
        assertThat(fixtures.rows("SELECT username FROM staff_user")).containsExactly(Map.of("username", "anna.admin"));
    }
}
