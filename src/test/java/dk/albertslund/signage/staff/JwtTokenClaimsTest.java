package dk.albertslund.signage.staff;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tokens signed with the server's own key but not as the sign-in makes them (no expiry,
 * not yet valid, another issuer) are refused, so a token minted elsewhere with a shared or
 * leaked key cannot live forever.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtTokenClaimsTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    @Client("/")
    HttpClient client;
    @Inject
    JsonMapper json;
    @Value("${micronaut.security.token.jwt.signatures.secret.generator.secret}")
    String secret;
    @Value("${micronaut.application.name}")
    String issuer;

    @Test
    void a_token_shaped_like_the_sign_ins_is_accepted() throws Exception {
        assertThat(me(sign(c -> { })).status()).isEqualTo(200);
    }

    @Test
    void a_token_without_expiry_is_refused() throws Exception {
        assertThat(me(sign(c -> c.expirationTime(null))).status()).isEqualTo(401);
    }

    @Test
    void a_token_not_valid_before_a_future_time_is_refused() throws Exception {
        assertThat(me(sign(c -> c.notBeforeTime(Date.from(Instant.now().plusSeconds(3600))))).status()).isEqualTo(401);
    }

    @Test
    void a_token_of_another_issuer_is_refused() throws Exception {
        assertThat(me(sign(c -> c.issuer("someone-else"))).status()).isEqualTo(401);
    }

    @Test
    void a_token_without_issuer_is_refused() throws Exception {
        assertThat(me(sign(c -> c.issuer(null))).status()).isEqualTo(401);
    }

    private Api.Response me(String jwt) {
        return new Api(client.toBlocking(), json, jwt).get("/api/v1/auth/me");
    }

    private String sign(Consumer<JWTClaimsSet.Builder> change) throws Exception {
        String username = fixtures.staffMember(EnumSet.of(Role.VIEWER));
        Instant now = Instant.now();
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder()
                .subject(username)
                .issuer(issuer)
                .issueTime(Date.from(now))
                .notBeforeTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(600)))
                .claim("roles", List.of("VIEWER"));
        change.accept(claims);
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims.build());
        jwt.sign(new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return jwt.serialize();
    }
}
