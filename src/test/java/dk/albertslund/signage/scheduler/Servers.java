package dk.albertslund.signage.scheduler;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.HashMap;
import java.util.Map;

/** A server as the real one starts: the application context, then its HTTP server (which starts the scheduler). */
public final class Servers {

    private Servers() {
    }

    /**
     * What one of several servers on a test's database needs: a random port, the test JWT
     * secret, its own media folder under target/ (named after {@code name}), no content pack.
     */
    public static Map<String, Object> properties(Map<String, String> datasource, String name) {
        Map<String, Object> properties = new HashMap<>(datasource);
        properties.put("micronaut.server.port", -1);
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "test-secret-that-is-long-enough-for-hs256-signing");
        properties.put("signage.media.dir", "target/test-media/" + name);
        properties.put("signage.content-pack.import-on-first-start", false);
        return properties;
    }

    /** A started server on these properties; closing it stops it. */
    public static ApplicationContext start(Map<String, Object> properties) {
        ApplicationContext context = ApplicationContext.run(properties, "test");
        try {
            context.getBean(EmbeddedServer.class).start();
        } catch (RuntimeException e) {
            context.close();
            throw e;
        }
        return context;
    }
}
