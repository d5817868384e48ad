package dk.albertslund.signage.testing;

import com.nimbusds.jwt.SignedJWT;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.OAuth2Config;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A real OpenID Connect provider for the sign-in tests: NAV's mock-oauth2-server on
 * 127.0.0.1 at a free port, serving discovery, keys, the authorization endpoint (a login
 * form when interactive), tokens and signed tokens of any claims. {@link #properties()}
 * configures the server under test with it as provider {@value #NAME}, with a role mapping
 * for the groups the tests use.
 */
public final class OidcProvider implements AutoCloseable {

    public static final String NAME = "kommune";
    public static final String CLIENT_ID = "campus-signage";
    public static final String INSTITUTION = "oidc-gymnasium";
    public static final String LOGOUT_EVENT = "http://schemas.openid.net/event/backchannel-logout";

    private final MockOAuth2Server server;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    /** Starts the provider; {@code interactive}: its authorization endpoint shows a login form. */
    public OidcProvider(boolean interactive) {
        server = new MockOAuth2Server(new OAuth2Config(interactive));
        try {
            server.start(InetAddress.getByName("127.0.0.1"), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String issuer() {
        return issuer(NAME);
    }

    public String issuer(String issuerId) {
        return server.issuerUrl(issuerId).toString();
    }

    /** The server under test's settings for this provider. */
    public Map<String, String> properties() {
        Map<String, String> properties = new HashMap<>();
        properties.put("micronaut.security.oauth2.clients." + NAME + ".client-id", CLIENT_ID);
        properties.put("micronaut.security.oauth2.clients." + NAME + ".client-secret", "test-client-secret");
        properties.put("micronaut.security.oauth2.clients." + NAME + ".openid.issuer", issuer());
        properties.put("signage.oidc.providers." + NAME + ".label-da", "Albertslund Kommune");
        properties.put("signage.oidc.providers." + NAME + ".label-en", "Albertslund Municipality");
        properties.put("signage.oidc.providers." + NAME + ".role-mapping",
                "sig-admins=admin,sig-approvers=approver,sig-gym-editors=editor:" + INSTITUTION + ",sig-viewers=viewer");
        return properties;
    }

    /**
     * The next code exchanged (non-interactive) is this person's, with these claims (groups,
     * name, …; an {@code aud} or {@code iss} here replaces the provider's own). Queued: a
     * test that queues one must let its code be exchanged, or the next test gets the person.
     */
    public void nextSignIn(String subject, Map<String, Object> claims) {
        server.enqueueCallback(new DefaultOAuth2TokenCallback(NAME, subject, "JWT", null, claims, 3600));
    }


    /** A token signed by this provider as issuer {@code issuerId}, with these claims. */
    public SignedJWT token(String issuerId, String subject, String audience, Map<String, Object> claims) {
        return server.issueToken(issuerId, CLIENT_ID,
                new DefaultOAuth2TokenCallback(issuerId, subject, "JWT", List.of(audience), claims, 300));
    }

    /** A back-channel logout token for this subject, as the provider sends one. */
    public String logoutToken(String subject) {
        return token(NAME, subject, CLIENT_ID, Map.of("events", Map.of(LOGOUT_EVENT, Map.of()))).serialize();
    }


    /**
     * Goes where the provider's authorization endpoint sends the browser (not interactive:
     * straight back to the redirect address with a code and the state). Returns that address.
     */
    public URI authorize(String authorizationUrl) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(authorizationUrl)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            return URI.create(response.headers().firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException("the provider answered " + response.statusCode() + ": " + response.body())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
