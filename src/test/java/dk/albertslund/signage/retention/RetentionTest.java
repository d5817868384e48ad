package dk.albertslund.signage.retention;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How long staff records are kept once they are of no more use, with links kept for a
 * configured week and API tokens for the default 90 days. The records are made through
 * the API today; pruning is asked for at later instants.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RetentionTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Retention retention;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.retention.setup-links", "P7D");
    }

    private String invite(Api admin) {
        String username = fixtures.unique("inviteret");
        Api.Response created = admin.post("/api/v1/staff", Map.of("username", username, "displayName", "Inviteret", "roles", List.of("viewer")));
        assertThat(created.status()).isEqualTo(201);
        String link = (String) created.body().get("invitationUrl");
        return link.substring(link.indexOf("token=") + "token=".length());
    }

    private long token(Api owner, String name, Integer expiresInDays) {
        Map<String, Object> command = new HashMap<>();
        command.put("name", name);
        command.put("expiresInDays", expiresInDays);
        Api.Response created = owner.post("/api/v1/auth/tokens", command);
        assertThat(created.status()).isEqualTo(201);
        return ((Number) created.body().get("id")).longValue();
    }

    private List<Map<String, Object>> links() {
        return fixtures.rows("SELECT s.display_name, t.used_at IS NOT NULL AS used FROM setup_token t JOIN staff_user s ON s.id = t.staff_user_id ORDER BY 2");
    }

    private List<Map<String, Object>> tokens() {
        return fixtures.rows("SELECT name FROM api_token ORDER BY name");
    }

    @Test
    void records_are_pruned_only_once_their_period_has_passed_since_they_were_last_of_use() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        invite(admin);
        String accepted = invite(admin);
        assertThat(fixtures.anonymous().post("/api/v1/auth/setup", Map.of("token", accepted, "password", "a long enough password")).status())
                .isEqualTo(200);
        Api owner = fixtures.signedIn(Role.VIEWER);
        long revoked = token(owner, "revoked", null);
        assertThat(owner.delete("/api/v1/auth/tokens/" + revoked).status()).isEqualTo(204);
        token(owner, "expires-in-a-day", 1);
        token(owner, "never-expires", null);
        token(owner, "expires-in-a-year", 365);
        // the nonce of a provider's sign-in (README "Sign-in with the municipality's account"), used now
        fixtures.rows("INSERT INTO staff_sign_in_nonce (nonce, provider, subject) VALUES ('nonce-retention', 'kommune', 'sub') RETURNING nonce");
        Instant now = Instant.now();

        // links: the invitation used now and the one expiring in an hour, a week later
        Map<String, Integer> sixDaysOn = retention.prune(now.plus(6, ChronoUnit.DAYS));
        List<Map<String, Object>> linksSixDaysOn = links();
        Map<String, Integer> eightDaysOn = retention.prune(now.plus(8, ChronoUnit.DAYS));
        List<Map<String, Object>> linksEightDaysOn = links();
        // tokens: the one revoked now and the one that expires tomorrow, 90 days later
        Map<String, Integer> eightyNineDaysOn = retention.prune(now.plus(89, ChronoUnit.DAYS));
        Map<String, Integer> ninetyTwoDaysOn = retention.prune(now.plus(92, ChronoUnit.DAYS));
        Map<String, Integer> again = retention.prune(now.plus(92, ChronoUnit.DAYS));

        assertThat(retention.periods()).containsExactly(Map.entry("api-tokens", Duration.ofDays(90)),
                Map.entry("heartbeats", Duration.ofDays(30)), Map.entry("pairings", Duration.ofDays(1)),
                Map.entry("setup-links", Duration.ofDays(7)), Map.entry("sign-in-nonces", Duration.ofDays(1)),
                Map.entry("sign-outs", Duration.ofDays(1)));
        assertThat(sixDaysOn).containsExactly(Map.entry("api-tokens", 0), Map.entry("heartbeats", 0), Map.entry("pairings", 0), Map.entry("setup-links", 0),
                Map.entry("sign-in-nonces", 1), Map.entry("sign-outs", 0));
        assertThat(linksSixDaysOn).containsExactly(Map.of("display_name", "Inviteret", "used", false), Map.of("display_name", "Inviteret", "used", true));
        // with the first-administrator link the server printed when it started
        assertThat(eightDaysOn).containsExactly(Map.entry("api-tokens", 0), Map.entry("heartbeats", 0), Map.entry("pairings", 0), Map.entry("setup-links", 3), Map.entry("sign-in-nonces", 0), Map.entry("sign-outs", 0));
        assertThat(linksEightDaysOn).isEmpty();
        assertThat(eightyNineDaysOn).containsExactly(Map.entry("api-tokens", 0), Map.entry("heartbeats", 0), Map.entry("pairings", 0), Map.entry("setup-links", 0), Map.entry("sign-in-nonces", 0), Map.entry("sign-outs", 0));
        assertThat(ninetyTwoDaysOn).containsExactly(Map.entry("api-tokens", 2), Map.entry("heartbeats", 0), Map.entry("pairings", 0), Map.entry("setup-links", 0), Map.entry("sign-in-nonces", 0), Map.entry("sign-outs", 0));
        assertThat(again).containsExactly(Map.entry("api-tokens", 0), Map.entry("heartbeats", 0), Map.entry("pairings", 0), Map.entry("setup-links", 0), Map.entry("sign-in-nonces", 0), Map.entry("sign-outs", 0));
        assertThat(tokens()).containsExactly(Map.of("name", "expires-in-a-year"), Map.of("name", "never-expires"));
    }
}
