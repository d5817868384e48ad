package dk.albertslund.signage.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many requests for each path a test server has received, so a test can act once its
 * requests are really under way on the server rather than still in a loaded client.
 */
@ServerFilter("/api/v1/auth/**")
@Requires(env = "test")
public class ArrivedRequests {

    private final Map<String, AtomicInteger> byPath = new ConcurrentHashMap<>();

    @RequestFilter
    void arrived(HttpRequest<?> request) {
        byPath.computeIfAbsent(request.getPath(), p -> new AtomicInteger()).incrementAndGet();
    }

    public int count(String path) {
        AtomicInteger count = byPath.get(path);
        return count == null ? 0 : count.get();
    }
}
