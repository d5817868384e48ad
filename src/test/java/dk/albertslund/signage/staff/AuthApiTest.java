package dk.albertslund.signage.staff;

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

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuthApiTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void a_staff_member_signs_in_with_the_right_password_and_gets_a_bearer_token() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));

        Api.Response response = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", username, "password", Fixtures.PASSWORD));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("username", username).containsEntry("token_type", "Bearer");
        assertThat((String) response.body().get("access_token")).contains(".");
    }

    @Test
    void a_wrong_password_is_refused_without_saying_which_part_was_wrong() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));

        Api.Response wrongPassword = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", username, "password", "not the password"));
        Api.Response unknownUser = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", "nobody-here", "password", "not the password"));

        assertThat(wrongPassword.status()).isEqualTo(401);
        assertThat(wrongPassword.body()).containsEntry("detail", "Wrong username or password.");
        assertThat(unknownUser.body()).containsEntry("detail", "Wrong username or password.");
    }

    @Test
    void the_sixth_failed_attempt_on_one_account_within_a_minute_is_throttled_even_with_the_right_password() {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        for (int i = 0; i < 5; i++) {
            assertThat(fixtures.anonymous().post("/api/v1/auth/login",
                    Map.of("username", username, "password", "guess number " + i)).status()).isEqualTo(401);
        }

        Api.Response response = fixtures.anonymous().post("/api/v1/auth/login",
                Map.of("username", username, "password", Fixtures.PASSWORD));

        assertThat(response.status()).isEqualTo(429);
        assertThat((String) response.body().get("detail")).startsWith("Too many failed sign-in attempts. Try again in ");
    }

    @Test
    void a_login_without_a_password_names_the_missing_field() {
        Api.Response response = fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", "someone"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).isEqualTo("application/problem+json");
        assertThat(response.errorFields()).containsExactly("password");
    }
}
