package dk.albertslund.signage.config;

import dk.albertslund.signage.staff.SetupLinks;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A server started on another port prints links to that port, with no public address set. */
class PublicUrlFromPortTest {

    @Test
    void the_setup_link_follows_the_port_when_no_public_address_is_set() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Map<String, Object> properties = new HashMap<>();
        String database = TestDatabase.get().createDatabase();
        properties.put("datasources.default.url", TestDatabase.get().url(database));
        properties.put("datasources.default.username", TestDatabase.get().user());
        properties.put("datasources.default.password", TestDatabase.get().password());
        properties.put("micronaut.server.port", port);
        properties.put("micronaut.server.host", "127.0.0.1");
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "test-secret-that-is-long-enough-for-hs256-signing");
        properties.put("signage.media.dir", "target/test-media/PublicUrlFromPortTest");
        properties.put("signage.content-pack.import-on-first-start", false);

        try (ApplicationContext context = ApplicationContext.run(properties, "test")) {
            context.getBean(EmbeddedServer.class).start();

            assertThat(context.getBean(SetupLinks.class).createFirstAdminLink()).startsWith("http://localhost:" + port + "/setup?token=");
        }
    }
}
