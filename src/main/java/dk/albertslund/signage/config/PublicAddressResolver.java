package dk.albertslund.signage.config;

import io.micronaut.context.BeanProvider;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.server.HttpServerConfiguration;
import io.micronaut.http.server.util.DefaultHttpHostResolver;
import io.micronaut.runtime.server.EmbeddedServer;
import jakarta.inject.Singleton;

/**
 * The address this server is reached at, for addresses it hands out that must come back
 * to it: above all the OpenID Connect redirect address ({@code /oauth/callback/NAME}),
 * which the provider compares with the one registered there. Behind a reverse proxy the
 * request's own Host is the proxy's idea of the server, so a set {@code SIGNAGE_PUBLIC_URL}
 * wins; unset, Micronaut's answer from the request stands (the test servers' random ports).
 */
@Singleton
@Replaces(DefaultHttpHostResolver.class)
class PublicAddressResolver extends DefaultHttpHostResolver {

    private final SignageConfiguration configuration;

    PublicAddressResolver(HttpServerConfiguration server, BeanProvider<EmbeddedServer> embeddedServer,
                          SignageConfiguration configuration) {
        super(server, embeddedServer);
        this.configuration = configuration;
    }

    @Override
    public String resolve(HttpRequest request) {
        return configuration.isPublicUrlSet() ? configuration.getPublicUrl() : super.resolve(request);
    }
}
