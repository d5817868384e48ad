package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.OidcProvider;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The role mapping's format, what groups grant, and a wrong mapping stopping the start. */
class OidcRoleMappingTest {

    @Test
    void groups_grant_the_union_of_their_roles_and_institutions() {
        RoleMapping mapping = RoleMapping.parse("kommune", List.of("sig-gym-editors=editor:albertslund-gymnasium",
                "sig-lib-editors = editor : albertslund-bibliotek", "sig-approvers=approver",
                "CN=sig-admins,OU=Groups,DC=kommune,DC=dk=admin"));

        assertThat(mapping.grant(Set.of("sig-gym-editors", "sig-lib-editors", "other")))
                .isEqualTo(new RoleMapping.Grant(Set.of(Role.EDITOR), Set.of("albertslund-gymnasium", "albertslund-bibliotek")));
        assertThat(mapping.grant(Set.of("CN=sig-admins,OU=Groups,DC=kommune,DC=dk")).roles()).containsExactly(Role.ADMIN);
        assertThat(mapping.grant(Set.of("sig-approvers")).institutions()).isEmpty();
        assertThat(mapping.grant(Set.of("SIG-APPROVERS")).isEmpty()).as("group names are compared exactly").isTrue();
        assertThat(mapping.institutions()).containsExactly("albertslund-bibliotek", "albertslund-gymnasium");
    }

    @Test
    void a_wrong_entry_is_named_with_what_is_wrong() {
        assertThatThrownBy(() -> RoleMapping.parse("kommune", List.of("sig-a=editor", "sig-b=boss", "no-equals", "sig-c=viewer:Not A Slug")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("signage.oidc.providers.kommune.role-mapping: "
                        + "'sig-a=editor': an editor needs an institution (editor:institution-slug); "
                        + "'sig-b=boss': 'boss' is not a role (admin, approver, editor, viewer); "
                        + "'no-equals' is not group=role[:institution-slug]; "
                        + "'sig-c=viewer:Not A Slug': 'not a slug' is not an institution slug");
    }

    @Test
    void the_server_does_not_start_with_a_wrong_mapping_a_missing_label_or_a_provider_set_up_on_one_side_only() {
        try (OidcProvider provider = new OidcProvider(false)) {
            Map<String, Object> wrong = properties(provider);
            wrong.put("signage.oidc.providers.kommune.role-mapping", "sig-gym-editors=editor");
            assertThatThrownBy(() -> ApplicationContext.run(wrong, "test"))
                    .rootCause().hasMessageContaining("'sig-gym-editors=editor': an editor needs an institution");

            Map<String, Object> unlabelled = properties(provider);
            unlabelled.remove("signage.oidc.providers.kommune.label-en");
            // bean validation of the settings says it
            assertThatThrownBy(() -> ApplicationContext.run(unlabelled, "test"))
                    .hasMessageContaining("dk.albertslund.signage.staff.SignInProvider").hasMessageContaining("labelEn - must not be blank");

            Map<String, Object> oneSided = properties(provider);
            oneSided.put("signage.oidc.providers.skolen.label-da", "Skolen");
            oneSided.put("signage.oidc.providers.skolen.label-en", "The school");
            oneSided.put("signage.oidc.providers.skolen.role-mapping", "sig-staff=viewer");
            assertThatThrownBy(() -> ApplicationContext.run(oneSided, "test"))
                    .rootCause().hasMessageContaining("micronaut.security.oauth2.clients.skolen (openid.issuer, client-id, client-secret) "
                            + "is missing for signage.oidc.providers.skolen");
        }
    }

    private static Map<String, Object> properties(OidcProvider provider) {
        Map<String, Object> properties = new HashMap<>(TestDatabase.get().freshDatasource());
        properties.put("micronaut.server.port", "-1");
        properties.put("signage.content-pack.import-on-first-start", "false");
        properties.put("micronaut.security.token.jwt.signatures.secret.generator.secret", "test-secret-that-is-long-enough-for-hs256-signing");
        properties.putAll(provider.properties());
        return properties;
    }
}
