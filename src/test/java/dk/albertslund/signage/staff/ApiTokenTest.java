package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import dk.albertslund.signage.core.Secrets;
import dk.albertslund.signage.core.Sha256;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiTokenTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    StaffClients clients;

    private static long id(Api.Response created) {
        return ((Number) created.body().get("id")).longValue();
    }

    @Test
    void a_new_token_is_shown_once_stored_only_as_a_hash_and_acts_as_its_owner() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Api owner = fixtures.signInAs(username);

        Api.Response created = owner.post("/api/v1/auth/tokens", Map.of("name", "Skærm-script", "expiresInDays", 30));
        String token = (String) created.body().get("token");
        Api.Response me = clients.bearer(token).get("/api/v1/auth/me");

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.headers().get("Location")).isEqualTo("/api/v1/auth/tokens/" + id(created));
        assertThat(created.headers().get("Cache-Control")).isEqualTo("no-store");
        assertThat(token).matches("sgn_[A-Za-z0-9_-]{43}");
        assertThat(created.body()).containsEntry("name", "Skærm-script");
        assertThat(Duration.between(Instant.parse((String) created.body().get("createdAt")), Instant.parse((String) created.body().get("expiresAt"))))
                .isBetween(Duration.ofDays(30).minusSeconds(1), Duration.ofDays(30).plusSeconds(1));
        assertThat(fixtures.rows("SELECT token_hash FROM api_token WHERE id = ?", id(created)))
                .extracting(row -> row.get("token_hash")).containsExactly(Sha256.hex(token));
        assertThat(fixtures.rows("SELECT count(*) AS n FROM api_token WHERE token_hash = ? OR name = ?", token, token))
                .containsExactly(Map.of("n", 0L));
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.body()).containsEntry("username", username).containsEntry("roles", List.of("viewer"));
    }

    @Test
    void the_list_shows_the_callers_tokens_without_their_secrets() {
        Api owner = fixtures.signedIn(Role.VIEWER);
        Api other = fixtures.signedIn(Role.VIEWER);
        Api.Response first = owner.post("/api/v1/auth/tokens", Map.of("name", "Import"));
        Api.Response second = owner.post("/api/v1/auth/tokens", Map.of("name", "Rapporter", "expiresInDays", 7));
        other.post("/api/v1/auth/tokens", Map.of("name", "Someone else's"));
        clients.bearer((String) first.body().get("token")).get("/api/v1/auth/me");

        Api.Response list = owner.get("/api/v1/auth/tokens");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.items()).extracting(t -> t.get("name")).containsExactly("Rapporter", "Import");
        assertThat(list.items()).allSatisfy(t -> assertThat(t).doesNotContainKeys("token", "tokenHash"));
        assertThat(list.items().get(0)).containsEntry("id", (int) id(second)).containsEntry("revoked", false)
                .containsKeys("createdAt", "expiresAt").doesNotContainKey("lastUsedAt");
        assertThat(list.items().get(1)).containsEntry("revoked", false).containsKey("lastUsedAt").doesNotContainKey("expiresAt");
        assertThat(list.text()).doesNotContain((String) first.body().get("token"));
    }

    @Test
    void a_revoked_token_answers_401_at_once() {
        Api owner = fixtures.signedIn(Role.VIEWER);
        Api.Response created = owner.post("/api/v1/auth/tokens", Map.of("name", "CI"));
        Api script = clients.bearer((String) created.body().get("token"));
        assertThat(script.get("/api/v1/auth/me").status()).isEqualTo(200);

        Api.Response revoked = owner.delete("/api/v1/auth/tokens/" + id(created));

        assertThat(revoked.status()).isEqualTo(204);
        assertThat(script.get("/api/v1/auth/me").status()).isEqualTo(401);
        assertThat(owner.get("/api/v1/auth/tokens/" + id(created)).body()).containsEntry("revoked", true);
        assertThat(fixtures.rows("SELECT action, actor FROM audit_log WHERE entity_type = 'api_token' AND entity_id = ? ORDER BY id", id(created)))
                .extracting(row -> row.get("action")).containsExactly("create", "revoke");
    }

    @Test
    void an_expired_token_answers_401() {
        Api owner = fixtures.signedIn(Role.VIEWER);
        Api.Response created = owner.post("/api/v1/auth/tokens", Map.of("name", "Kortlivet", "expiresInDays", 1));
        Api script = clients.bearer((String) created.body().get("token"));
        assertThat(script.get("/api/v1/auth/me").status()).isEqualTo(200);

        fixtures.rows("UPDATE api_token SET expires_at = now() - interval '1 second' WHERE id = ? RETURNING id", id(created));

        assertThat(script.get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void an_unknown_token_with_our_prefix_answers_401() {
        Api.Response response = clients.bearer("sgn_" + Secrets.random()).get("/api/v1/auth/me");

        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void only_the_owner_or_an_admin_may_revoke_a_token() {
        Api owner = fixtures.signedIn(Role.VIEWER);
        Api.Response created = owner.post("/api/v1/auth/tokens", Map.of("name", "Mit script"));

        Api.Response byColleague = fixtures.signedIn(Role.APPROVER).delete("/api/v1/auth/tokens/" + id(created));
        Api.Response byAdmin = fixtures.signedIn(Role.ADMIN).delete("/api/v1/auth/tokens/" + id(created));

        assertThat(byColleague.status()).isEqualTo(404);
        assertThat(byColleague.body()).containsEntry("detail", "No API token " + id(created) + ".");
        assertThat(byAdmin.status()).isEqualTo(204);
        assertThat(clients.bearer((String) created.body().get("token")).get("/api/v1/auth/me").status()).isEqualTo(401);
    }

    @Test
    void a_name_is_required_and_the_lifetime_is_one_to_365_days() {
        Api.Response response = fixtures.signedIn(Role.VIEWER).post("/api/v1/auth/tokens", Map.of("expiresInDays", 366));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("name", "expiresInDays");
    }

    @Test
    void last_use_is_written_at_most_once_a_minute() {
        Api owner = fixtures.signedIn(Role.VIEWER);
        Api.Response created = owner.post("/api/v1/auth/tokens", Map.of("name", "Poller"));
        Api script = clients.bearer((String) created.body().get("token"));
        Instant recent = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);
        Instant old = Instant.now().minusSeconds(120).truncatedTo(ChronoUnit.MILLIS);

        fixtures.rows("UPDATE api_token SET last_used_at = ? WHERE id = ? RETURNING id", Timestamp.from(recent), id(created));
        script.get("/api/v1/auth/me");
        Instant afterRecent = lastUsed(id(created));
        fixtures.rows("UPDATE api_token SET last_used_at = ? WHERE id = ? RETURNING id", Timestamp.from(old), id(created));
        script.get("/api/v1/auth/me");
        Instant afterOld = lastUsed(id(created));

        assertThat(afterRecent).isEqualTo(recent);
        assertThat(afterOld).isAfter(recent);
    }

    private Instant lastUsed(long id) {
        return ((Timestamp) fixtures.rows("SELECT last_used_at FROM api_token WHERE id = ?", id).get(0).get("last_used_at")).toInstant();
    }
}
