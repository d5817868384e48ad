package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.OidcProvider;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.env.PropertySource;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A provider set up from environment variables only, as README "Sign-in with the
 * municipality's account" shows for Entra ID: the names Micronaut derives from them make
 * one provider, with its mapping, not several half ones.
 */
class OidcSettingsFromEnvironmentTest {

    @Test
    void a_provider_from_environment_variables() {
        try (OidcProvider provider = new OidcProvider(false)) {
            Map<String, Object> environment = new HashMap<>();
            environment.put("MICRONAUT_SECURITY_OAUTH2_CLIENTS_ENTRA_OPENID_ISSUER", provider.issuer());
            environment.put("MICRONAUT_SECURITY_OAUTH2_CLIENTS_ENTRA_CLIENT_ID", "campus-signage");
            environment.put("MICRONAUT_SECURITY_OAUTH2_CLIENTS_ENTRA_CLIENT_SECRET", "from-the-environment");
            environment.put("SIGNAGE_OIDC_PROVIDERS_ENTRA_LABEL_DA", "Log ind med Albertslund Kommune");
            environment.put("SIGNAGE_OIDC_PROVIDERS_ENTRA_LABEL_EN", "Sign in with Albertslund Municipality");
            environment.put("SIGNAGE_OIDC_PROVIDERS_ENTRA_ROLE_MAPPING", "group-id-1=admin,group-id-2=editor:albertslund-gymnasium");
            environment.put("SIGNAGE_OIDC_PROVIDERS_ENTRA_SESSION_LIFETIME", "PT8H");
            Map<String, Object> properties = new HashMap<>(TestDatabase.get().freshDatasource());
            properties.put("micronaut.server.port", "-1");
            properties.put("signage.content-pack.import-on-first-start", "false");
            properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "test-secret-that-is-long-enough-for-hs256-signing");

            try (ApplicationContext context = ApplicationContext.builder("test")
                    .propertySources(PropertySource.of("env", environment, PropertySource.PropertyConvention.ENVIRONMENT_VARIABLE))
                    .properties(properties).start()) {
                List<SignInProvider> providers = context.getBean(SignInProviders.class).all();
                assertThat(providers).extracting(SignInProvider::getName).containsExactly("entra");
                SignInProvider entra = providers.get(0);
                assertThat(entra.getLabelEn()).isEqualTo("Sign in with Albertslund Municipality");
                assertThat(entra.getSessionLifetime()).hasHours(8);
                assertThat(entra.mapping().grant(Set.of("group-id-2")).institutions()).containsExactly("albertslund-gymnasium");
                assertThat(context.getBean(OauthClientConfiguration.class, io.micronaut.inject.qualifiers.Qualifiers.byName("entra"))
                        .getClientSecret()).isEqualTo("from-the-environment");
            }
        }
    }
}
