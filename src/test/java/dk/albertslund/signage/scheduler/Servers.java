package dk.albertslund.signage.scheduler;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;

import java.util.Map;

/** A server as the real one starts: the application context, then its HTTP server (which starts the scheduler). */
public final class Servers {

    private Servers() {
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
