package dk.albertslund.signage.staff;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.List;

/**
 * One OpenID Connect provider's settings of ours, {@code signage.oidc.providers.NAME.*}
 * beside Micronaut's {@code micronaut.security.oauth2.clients.NAME.*} (issuer, client id
 * and secret): the button's label in Danish and English, which claims hold the person's
 * groups, how groups map to roles and institutions, and how long a sign-in lasts. The
 * mapping is read when the server starts, so a mistake in it stops the start with the
 * entry and the reason (README "Sign-in with the municipality's account").
 */
@EachProperty("signage.oidc.providers")
public class SignInProvider {

    private final String name;
    @NotBlank
    private String labelDa;
    @NotBlank
    private String labelEn;
    @NotNull
    private List<String> groupClaims = List.of("groups", "roles");
    @NotNull
    private List<String> roleMapping = List.of();
    @NotNull
    private Duration sessionLifetime = Duration.ofHours(1);
    private RoleMapping parsedMapping = new RoleMapping(List.of());

    public SignInProvider(@Parameter String name) {
        this.name = name;
    }

    public String getName() {
        return name;
    }

    public String getLabelDa() {
        return labelDa;
    }

    public void setLabelDa(String labelDa) {
        this.labelDa = labelDa;
    }

    public String getLabelEn() {
        return labelEn;
    }

    public void setLabelEn(String labelEn) {
        this.labelEn = labelEn;
    }

    public List<String> getGroupClaims() {
        return groupClaims;
    }

    public void setGroupClaims(List<String> groupClaims) {
        this.groupClaims = groupClaims == null ? List.of() : List.copyOf(groupClaims);
    }

    public List<String> getRoleMapping() {
        return roleMapping;
    }

    /** Parsed at once: a wrong entry fails the settings, and so the start, naming itself. */
    public void setRoleMapping(List<String> roleMapping) {
        this.roleMapping = roleMapping == null ? List.of() : List.copyOf(roleMapping);
        this.parsedMapping = RoleMapping.parse(name, this.roleMapping);
    }

    public Duration getSessionLifetime() {
        return sessionLifetime;
    }

    public void setSessionLifetime(Duration sessionLifetime) {
        this.sessionLifetime = sessionLifetime;
    }

    public RoleMapping mapping() {
        return parsedMapping;
    }

    /** The button's label in the page's language. */
    public String label(String language) {
        return "en".equals(language) ? labelEn : labelDa;
    }
}
