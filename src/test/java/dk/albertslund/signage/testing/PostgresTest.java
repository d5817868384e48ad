package dk.albertslund.signage.testing;

import io.micronaut.test.support.TestPropertyProvider;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Implemented by {@code @MicronautTest} classes (with {@code @TestInstance(PER_CLASS)}):
 * the context gets a fresh database, its own media directory, and no content-pack import
 * unless the test asks for it.
 */
public interface PostgresTest extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>(TestDatabase.get().freshDatasource());
        properties.put("signage.media.dir", Path.of("target", "test-media", getClass().getSimpleName()).toString());
        properties.put("signage.content-pack.import-on-first-start", "false");
        // A random free port: test runs must not collide with a running server or each other.
        properties.put("micronaut.server.port", "-1");
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret",
                "test-secret-that-is-long-enough-for-hs256-signing");
        properties.put("micronaut.security.csrf.secret-key", "test-csrf-secret-that-is-long-enough-to-sign");
        properties.putAll(extraProperties());
        return properties;
    }

    /** Further properties for one test class. */
    default Map<String, String> extraProperties() {
        return Map.of();
    }
}
