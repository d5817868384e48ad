package dk.albertslund.signage.feed;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * Someone else's web server, on 127.0.0.1, for the tests: serves what each test puts at a
 * path (with an ETag when asked, honouring If-None-Match), redirects, stalls or sends too
 * much, and remembers the conditional headers it was sent and the paths it was asked for.
 */
public final class FeedServer implements AutoCloseable {

    public interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    public final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    public final List<String> requested = new CopyOnWriteArrayList<>();

    public FeedServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            try (exchange) {
                requested.add(exchange.getRequestURI().getPath());
                String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
                if (condition != null) {
                    ifNoneMatch.add(condition);
                }
                Handler handler = handlers.get(exchange.getRequestURI().getPath());
                if (handler == null) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    handler.handle(exchange);
                }
            } catch (IOException e) {
                // the client hung up, as the fetcher does on purpose
            }
        });
        server.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Serves {@code body} at {@code path} with a strong ETag of its content; a matching If-None-Match gets 304. */
    public void serve(String path, String contentType, byte[] body) {
        String etag = "\"" + Integer.toHexString(java.util.Arrays.hashCode(body)) + "\"";
        handlers.put(path, exchange -> {
            exchange.getResponseHeaders().add("ETag", etag);
            if (etag.equals(exchange.getRequestHeaders().getFirst("If-None-Match"))) {
                exchange.sendResponseHeaders(304, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", contentType);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    public void serve(String path, String contentType, String body) {
        serve(path, contentType, body.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** Serves text without validators, so every import reads it anew. */
    public void serveFresh(String path, String text) {
        byte[] body = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        handlers.put(path, exchange -> {
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
    }

    /** How often {@code path} was asked for. */
    public int requests(String path) {
        return java.util.Collections.frequency(requested, path);
    }

    void redirect(String path, String location) {
        handlers.put(path, exchange -> {
            exchange.getResponseHeaders().add("Location", location);
            exchange.sendResponseHeaders(302, -1);
        });
    }

    public void handle(String path, Handler handler) {
        handlers.put(path, handler);
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
