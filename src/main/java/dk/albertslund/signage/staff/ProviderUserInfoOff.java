package dk.albertslund.signage.staff;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.security.oauth2.client.DefaultOpenIdProviderMetadata;
import jakarta.inject.Singleton;

/**
 * Forgets each provider's userinfo endpoint as its discovery document is read. Micronaut
 * would otherwise add a token validator per provider that sends every bearer token our own
 * validators refuse (an expired sign-in, a revoked personal API token) to the provider's
 * userinfo endpoint, and let in whatever the provider vouches for: a secret of ours handed
 * to a stranger, and a provider's access token taken as a staff session. Sign-in needs
 * only the ID token, which carries the claims the role mapping reads.
 */
@Singleton
class ProviderUserInfoOff implements BeanCreatedEventListener<DefaultOpenIdProviderMetadata> {

    @Override
    public DefaultOpenIdProviderMetadata onCreated(BeanCreatedEvent<DefaultOpenIdProviderMetadata> event) {
        DefaultOpenIdProviderMetadata metadata = event.getBean();
        metadata.setUserinfoEndpoint(null);
        return metadata;
    }
}
