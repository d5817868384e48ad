package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Api;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the staff tests need beyond {@code Fixtures}: a client with an API token, and a browser's view of the setup page. */
@Singleton
@Requires(env = "test")
class StaffClients {

    private static final Pattern TOKEN = Pattern.compile("/setup\\?token=([A-Za-z0-9_-]+)");

    private final HttpClient client;
    private final JsonMapper json;

    StaffClients(EmbeddedServer server, JsonMapper json) {
        this.client = HttpClient.create(server.getURL());
        this.json = json;
    }

    /** A client that sends this bearer token (an API token, say). */
    Api bearer(String token) {
        return new Api(client.toBlocking(), json, token);
    }

    /** A client signed in with a username and password of the test's choosing. */
    Api signIn(String username, String password) {
        Api.Response response = bearer(null).post("/api/v1/auth/login", Map.of("username", username, "password", password));
        if (response.status() != 200) {
            throw new IllegalStateException("sign-in failed: " + response.text());
        }
        return bearer((String) response.body().get("access_token"));
    }

    /** The setup page as a browser asks for it. */
    Api.Response setupPage(String token) {
        return bearer(null).send(HttpRequest.GET("/setup?token=" + token).accept(MediaType.TEXT_HTML_TYPE));
    }

    /** The setup form as a browser submits it. */
    Api.Response submitSetup(Map<String, String> fields) {
        return bearer(null).send(HttpRequest.POST("/setup", fields)
                .contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE)
                .accept(MediaType.TEXT_HTML_TYPE));
    }

    /** The secret from a setup link such as {@code http://host/setup?token=abc}. */
    static String tokenOf(String link) {
        Matcher matcher = TOKEN.matcher(link);
        if (!matcher.find()) {
            throw new IllegalArgumentException("no setup link in: " + link);
        }
        return matcher.group(1);
    }
}
