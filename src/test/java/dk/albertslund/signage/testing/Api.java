package dk.albertslund.signage.testing;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * A test's HTTP client over a real socket: sends as one signed-in staff member (or
 * anonymously) and returns status, headers and the JSON body whatever the status, so
 * tests assert on what a user would see.
 */
public final class Api {

    private final BlockingHttpClient client;
    private final JsonMapper json;
    private final String bearer;

    public Api(BlockingHttpClient client, JsonMapper json, String bearer) {
        this.client = client;
        this.json = json;
        this.bearer = bearer;
    }

    /** The bearer token this client sends, for a client of another kind (a plain java.net one). */
    public String bearer() {
        return bearer;
    }

    /** What came back: status, headers and the body as text and (when JSON) as a map. */
    public record Response(int status, HttpHeaders headers, String text, Map<String, Object> body) {

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> items() {
            return (List<Map<String, Object>>) body.get("items");
        }

        /** The field names of a problem response's errors, in order. */
        @SuppressWarnings("unchecked")
        public List<String> errorFields() {
            List<Map<String, Object>> errors = (List<Map<String, Object>>) body.getOrDefault("errors", List.of());
            return errors.stream().map(e -> (String) e.get("field")).toList();
        }

        /** The message of a problem response's error on {@code field}, or null. */
        @SuppressWarnings("unchecked")
        public String errorMessage(String field) {
            List<Map<String, Object>> errors = (List<Map<String, Object>>) body.getOrDefault("errors", List.of());
            return errors.stream().filter(e -> field.equals(e.get("field"))).map(e -> (String) e.get("message")).findFirst().orElse(null);
        }

        public String contentType() {
            return headers.get(HttpHeaders.CONTENT_TYPE);
        }

        /** This response, or an exception saying what came instead of {@code expected}: for setting up, not for checking. */
        public Response expect(int expected) {
            if (status != expected) {
                throw new IllegalStateException("expected " + expected + ": " + status + " " + text);
            }
            return this;
        }
    }

    public Response get(String path) {
        return send(HttpRequest.GET(path));
    }

    public Response post(String path, Object body) {
        return send(HttpRequest.POST(path, body));
    }

    public Response put(String path, Object body) {
        return send(HttpRequest.PUT(path, body));
    }

    public Response delete(String path) {
        return send(HttpRequest.DELETE(path));
    }

    public Response send(MutableHttpRequest<?> request) {
        if (bearer != null) {
            request.bearerAuth(bearer);
        }
        HttpResponse<String> response;
        try {
            response = client.exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> error = (HttpResponse<String>) e.getResponse();
            response = error;
        }
        String text = response.getBody(String.class).orElse("");
        return new Response(response.code(), response.getHeaders(), text, parse(text));
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String text) {
        if (!text.startsWith("{")) {
            return Map.of();
        }
        try {
            return json.readValue(text, Map.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
