package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.OidcProvider;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.http.HttpRequest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sign-in with the municipality's account against a real OpenID Connect provider (NAV's
 * mock-oauth2-server on 127.0.0.1), over real sockets: the authorization code flow with
 * state, nonce and PKCE, the role mapping at every sign-in, refusals of replayed codes and
 * of tokens from another issuer or for another audience, and back-channel logout.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest implements PostgresTest {

    private static final OidcProvider PROVIDER = new OidcProvider(false);

    @Inject
    Fixtures fixtures;
    @Inject
    io.micronaut.context.ApplicationContext context;
    @Inject
    ProviderAccounts accounts;
    @Inject
    SignInProviders providers;

    @Override
    public Map<String, String> extraProperties() {
        return PROVIDER.properties();
    }

    @BeforeAll
    void institution() {
        fixtures.signedIn(Role.ADMIN).post("/api/v1/institutions",
                Map.of("slug", OidcProvider.INSTITUTION, "name", "Gymnasiet (OIDC)")).expect(201);
    }

    @AfterAll
    void stopProvider() {
        PROVIDER.close();
    }

    /** The steps of one sign-in, so tests can tamper with any of them. */
    private record Attempt(WebClient browser, URI authorization, URI callback, Map<String, String> cookies) {

        String callbackPath() {
            return callback.getRawPath() + "?" + callback.getRawQuery();
        }

        String query(String name) {
            return param(authorization, name);
        }
    }

    private static String param(URI uri, String name) {
        return Arrays.stream(uri.getRawQuery().split("&")).map(pair -> pair.split("=", 2))
                .filter(pair -> pair[0].equals(name)).map(pair -> URLDecoder.decode(pair[1], StandardCharsets.UTF_8))
                .findFirst().orElse(null);
    }

    /** Opens our /oauth/login, follows the provider back to our callback, and stops there. */
    private Attempt begin(String subject, Map<String, Object> claims) {
        PROVIDER.nextSignIn(subject, claims);
        return beginAsIs();
    }

    private Attempt beginAsIs() {
        WebClient browser = fixtures.browser();
        WebClient.Page login = browser.get("/oauth/login/" + OidcProvider.NAME);
        assertThat(login.status()).isEqualTo(302);
        URI authorization = URI.create(login.location().orElseThrow());
        URI callback = PROVIDER.authorize(authorization.toString());
        return new Attempt(browser, authorization, callback, browser.cookies());
    }

    private WebClient signIn(String subject, Map<String, Object> claims) {
        Attempt attempt = begin(subject, claims);
        WebClient.Page back = attempt.browser().get(attempt.callbackPath());
        assertThat(back.status()).isEqualTo(303);
        assertThat(back.location()).contains("/admin/dashboard");
        return attempt.browser();
    }

    private static Map<String, Object> person(String username, String name, String... groups) {
        return Map.of("preferred_username", username, "name", name, "groups", List.of(groups));
    }

    private Map<String, Object> account(String username) {
        List<Map<String, Object>> rows = fixtures.rows("""
                SELECT u.id, u.display_name, array_to_string(u.roles, ',') AS roles, u.password_hash,
                       (SELECT string_agg(i.slug, ',') FROM staff_user_institution ui JOIN institution i ON i.id = ui.institution_id
                         WHERE ui.staff_user_id = u.id) AS institutions,
                       p.provider, p.subject
                FROM staff_user u LEFT JOIN staff_sign_in_provider p ON p.staff_user_id = u.id WHERE u.username = ?""", username);
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void the_sign_in_page_offers_the_provider_in_danish_and_english() {
        assertThat(fixtures.browser().language("da").get("/admin/login").text("a#sign-in-kommune")).isEqualTo("Albertslund Kommune");
        WebClient.Page english = fixtures.browser().language("en").get("/admin/login");
        assertThat(english.text("a#sign-in-kommune")).isEqualTo("Albertslund Municipality");
        assertThat(english.document().selectFirst("a#sign-in-kommune").attr("href")).isEqualTo("/oauth/login/kommune");
    }

    @Test
    void the_authorization_request_carries_state_nonce_and_a_pkce_challenge_and_our_redirect_address() {
        // no person queued at the provider: this test stops before the code is exchanged
        Attempt attempt = beginAsIs();

        assertThat(attempt.query("response_type")).isEqualTo("code");
        assertThat(attempt.query("client_id")).isEqualTo(OidcProvider.CLIENT_ID);
        assertThat(attempt.query("scope")).contains("openid");
        assertThat(attempt.query("state")).isNotBlank();
        assertThat(attempt.query("nonce")).isNotBlank();
        assertThat(attempt.query("code_challenge_method")).isEqualTo("S256");
        assertThat(attempt.query("code_challenge")).hasSizeGreaterThanOrEqualTo(43);
        assertThat(attempt.query("redirect_uri")).isEqualTo(fixtures.url().replaceAll("/$", "") + "/oauth/callback/kommune");
        assertThat(attempt.authorization().toString()).startsWith(PROVIDER.issuer() + "/authorize");
    }

    @Test
    void a_first_sign_in_creates_the_staff_member_with_the_mapped_roles_and_the_audit_log_names_provider_and_subject() {
        WebClient browser = signIn("sub-mette", person("Mette@Albertslund.dk", "Mette Hansen", "sig-gym-editors", "unmapped-group"));

        Map<String, Object> account = account("mette@albertslund.dk");
        assertThat(account).containsEntry("display_name", "Mette Hansen").containsEntry("roles", "editor")
                .containsEntry("institutions", OidcProvider.INSTITUTION).containsEntry("provider", "kommune")
                .containsEntry("subject", "sub-mette").containsEntry("password_hash", null);
        List<Map<String, Object>> audit = fixtures.rows("""
                SELECT action, after_json->>'provider' AS provider, after_json->>'subject' AS subject FROM audit_log
                WHERE entity_type = 'staff_user' AND entity_id = ? ORDER BY id""", account.get("id"));
        assertThat(audit).containsExactly(Map.of("action", "sign-in-first", "provider", "kommune", "subject", "sub-mette"));

        WebClient.Page page = browser.get("/admin/account");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("#password-at-provider"))
                .isEqualTo("Du logger ind med din konto fra kommunen (Albertslund Kommune), så din adgangskode skiftes dér, ikke i Campus Signage.");
        assertThat(page.document().select("form[action=/admin/account/password]")).isEmpty();
    }

    @Test
    void an_account_from_the_provider_cannot_set_a_local_password_or_sign_in_locally() {
        WebClient browser = signIn("sub-pw", person("pw@albertslund.dk", "Per Password", "sig-approvers"));
        String jwt = browser.cookie("JWT").orElseThrow();

        Api.Response change = fixtures.anonymous().send(HttpRequest.PUT("/api/v1/auth/password",
                Map.of("currentPassword", "whatever it is", "newPassword", "a brand new password"))
                .bearerAuth(jwt));
        assertThat(change.status()).isEqualTo(409);
        assertThat(change.text()).contains("has no password in Campus Signage");

        Api.Response local = fixtures.anonymous().post("/api/v1/auth/login", Map.of("username", "pw@albertslund.dk", "password", "anything at all"));
        assertThat(local.status()).isEqualTo(401);

        // nor can an administrator give it an invitation link to set one
        WebClient admin = fixtures.browserAs(Role.ADMIN);
        admin.get("/admin/users/pw@albertslund.dk");
        WebClient.Page link = admin.submit("/admin/users/pw@albertslund.dk/link", Map.of());
        assertThat(link.status()).isEqualTo(409);
        assertThat(link.html()).contains("Kontoen logger ind med sin konto fra kommunen og har ingen adgangskode her, så den får intet link.");
    }

    @Test
    void the_mapping_is_applied_at_every_sign_in_so_leaving_a_group_takes_effect_at_the_next() {
        signIn("sub-lars", person("lars@albertslund.dk", "Lars Larsen", "sig-gym-editors", "sig-approvers"));
        assertThat(account("lars@albertslund.dk")).containsEntry("roles", "approver,editor")
                .containsEntry("institutions", OidcProvider.INSTITUTION);

        WebClient later = signIn("sub-lars", person("lars@albertslund.dk", "Lars Larsen", "sig-viewers"));
        assertThat(account("lars@albertslund.dk")).containsEntry("roles", "viewer").containsEntry("institutions", null);
        assertThat(later.get("/admin/account").status()).isEqualTo(200);

        // out of every mapped group: refused, nothing left, and the open session ends too
        Attempt none = begin("sub-lars", person("lars@albertslund.dk", "Lars Larsen", "unmapped-group"));
        WebClient.Page refused = none.browser().get(none.callbackPath());
        assertThat(refused.location()).contains("/admin/login?error=login.oidc.noRole");
        assertThat(none.browser().cookie("JWT")).isEmpty();
        assertThat(none.browser().get("/admin/login?error=login.oidc.noRole").text("#login-error"))
                .isEqualTo("Du blev ikke logget ind: din konto er ikke i en gruppe, der giver adgang til Campus Signage. Spørg din administrator.");
        assertThat(account("lars@albertslund.dk")).containsEntry("roles", "");
        assertThat(later.get("/admin/account").location()).contains("/admin/login");
        assertThat(fixtures.rows("SELECT after_json->>'refused' AS refused FROM audit_log WHERE action = 'sign-in-refused' AND after_json->>'subject' = 'sub-lars'"))
                .containsExactly(Map.of("refused", "login.oidc.noRole"));
    }

    @Test
    void a_replayed_callback_with_its_code_and_cookies_is_refused() {
        Attempt attempt = begin("sub-replay", person("replay@albertslund.dk", "Rita Replay", "sig-viewers"));
        assertThat(attempt.browser().get(attempt.callbackPath()).location()).contains("/admin/dashboard");

        WebClient attacker = fixtures.browser();
        attempt.cookies().forEach(attacker::cookie);
        WebClient.Page replayed = attacker.get(attempt.callbackPath());

        assertThat(replayed.status()).isEqualTo(303);
        assertThat(replayed.location().orElseThrow()).startsWith("/admin/login?error=");
        assertThat(attacker.cookie("JWT")).isEmpty();
    }

    /** Follows the (tampered) callback: the sign-in page says it failed, and nobody is signed in or created. */
    private void assertRefused(Attempt attempt, String callbackPath, String username) {
        WebClient.Page page = attempt.browser().get(callbackPath);

        assertThat(page.location()).contains("/admin/login?error=login.oidc.failed");
        assertThat(attempt.browser().cookie("JWT")).isEmpty();
        assertThat(fixtures.rows("SELECT 1 FROM staff_user WHERE username = ?", username)).isEmpty();
    }

    @Test
    void a_callback_with_another_state_is_refused() {
        Attempt attempt = beginAsIs();
        assertRefused(attempt, attempt.callbackPath().replaceAll("state=[^&]+", "state=eyJub25jZSI6ImZvcmdlZCJ9"), "nobody");
    }

    @Test
    void a_callback_without_the_nonce_cookie_is_refused() {
        Attempt attempt = beginAsIs();
        attempt.browser().dropCookie("OPENID_NONCE");
        assertRefused(attempt, attempt.callbackPath(), "nobody");
    }

    @Test
    void a_callback_without_the_pkce_verifier_is_refused() {
        Attempt attempt = beginAsIs();
        assertThat(attempt.cookies()).containsKey("OAUTH2_PKCE");
        attempt.browser().dropCookie("OAUTH2_PKCE");
        assertRefused(attempt, attempt.callbackPath(), "nobody");
    }

    @Test
    void an_id_token_for_another_audience_or_from_another_issuer_is_refused() {
        // signed with the provider's own key, but for another client or naming another issuer
        for (Map.Entry<String, Object> forged : Map.<String, Object>of("aud", List.of("another-client"),
                "iss", PROVIDER.issuer("elsewhere")).entrySet()) {
            String username = forged.getKey() + "@albertslund.dk";
            Map<String, Object> claims = new java.util.HashMap<>(person(username, "Fie Forged", "sig-admins"));
            claims.put(forged.getKey(), forged.getValue());
            Attempt attempt = begin("sub-" + forged.getKey(), claims);
            assertRefused(attempt, attempt.callbackPath(), username);
        }
    }

    @Test
    void the_providers_tokens_are_no_bearer_tokens_for_the_api() {
        signIn("sub-bearer", person("bearer@albertslund.dk", "Bo Bearer", "sig-admins"));
        for (String issuer : List.of(OidcProvider.NAME, "elsewhere")) {
            String token = PROVIDER.token(issuer, "sub-bearer", OidcProvider.CLIENT_ID,
                    Map.of("preferred_username", "bearer@albertslund.dk")).serialize();
            Api.Response me = fixtures.anonymous().send(HttpRequest.GET("/api/v1/auth/me").bearerAuth(token));
            assertThat(me.status()).as("a token of issuer " + issuer).isEqualTo(401);
        }
    }

    @Test
    void no_bearer_token_is_sent_to_the_providers_userinfo_endpoint() {
        List<String> validators = context.getBeansOfType(io.micronaut.security.token.validator.TokenValidator.class).stream()
                .map(validator -> validator.getClass().getSimpleName()).toList();
        assertThat(validators).isNotEmpty().noneMatch(name -> name.contains("UserInfo"));
    }

    @Test
    void a_nonce_that_signed_someone_in_is_refused_the_second_time() {
        SignInProvider provider = providers.find(OidcProvider.NAME).orElseThrow();
        ProviderAccounts.Identity identity = new ProviderAccounts.Identity("sub-twice", "nonce-used-once", null,
                "twice@albertslund.dk", "Tove Twice", java.util.Set.of("sig-viewers"));

        assertThat(accounts.signIn(provider, identity).user()).isNotNull();
        ProviderAccounts.Outcome again = accounts.signIn(provider, identity);

        assertThat(again.user()).isNull();
        assertThat(again.refusal()).isEqualTo("login.oidc.replayed");
        assertThat(fixtures.rows("SELECT action, coalesce(after_json->>'refused', '') AS refused FROM audit_log "
                + "WHERE after_json->>'subject' = 'sub-twice' ORDER BY id"))
                .containsExactly(Map.of("action", "sign-in-first", "refused", ""), Map.of("action", "sign-in-refused", "refused", "login.oidc.replayed"));
    }

    @Test
    void a_back_channel_logout_ends_the_persons_sessions() {
        WebClient browser = signIn("sub-bcl", person("bcl@albertslund.dk", "Bente Logout", "sig-approvers"));
        assertThat(browser.get("/admin/account").status()).isEqualTo(200);

        WebClient provider = fixtures.browser();
        assertThat(provider.post("/oauth/backchannel-logout/kommune", Map.of("logout_token", "not a token")).status()).isEqualTo(400);
        String idTokenLike = PROVIDER.token(OidcProvider.NAME, "sub-bcl", OidcProvider.CLIENT_ID, Map.of("nonce", "n")).serialize();
        assertThat(provider.post("/oauth/backchannel-logout/kommune", Map.of("logout_token", idTokenLike)).status()).isEqualTo(400);
        assertThat(browser.get("/admin/account").status()).isEqualTo(200);

        WebClient.Page logout = provider.post("/oauth/backchannel-logout/kommune", Map.of("logout_token", PROVIDER.logoutToken("sub-bcl")));

        assertThat(logout.status()).isEqualTo(200);
        assertThat(browser.get("/admin/account").location()).contains("/admin/login");
        assertThat(fixtures.rows("SELECT actor FROM audit_log WHERE action = 'provider-logout' AND after_json->>'subject' = 'sub-bcl'"))
                .containsExactly(Map.of("actor", "system"));
        // signing in again works: the logout ended the sessions, not the account
        signIn("sub-bcl", person("bcl@albertslund.dk", "Bente Logout", "sig-approvers"));
    }

    @Test
    void a_local_account_keeps_its_username_and_the_provider_account_gets_another() {
        String local = fixtures.staffMember(java.util.EnumSet.of(Role.VIEWER));
        signIn("sub-clash", person(local, "Clash Person", "sig-viewers"));

        List<Map<String, Object>> rows = fixtures.rows("SELECT u.username FROM staff_user u JOIN staff_sign_in_provider p "
                + "ON p.staff_user_id = u.id WHERE p.subject = 'sub-clash'");
        assertThat(rows).containsExactly(Map.of("username", local + "-kommune"));
        assertThat(account(local)).containsEntry("provider", null);
    }
}
