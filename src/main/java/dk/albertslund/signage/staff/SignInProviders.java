package dk.albertslund.signage.staff;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.oauth2.configuration.OauthClientConfiguration;
import io.micronaut.security.oauth2.configuration.OpenIdClientConfiguration;
import jakarta.inject.Singleton;

import java.net.URL;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The OpenID Connect providers staff may sign in with, checked when the server starts:
 * each of Micronaut's clients ({@code micronaut.security.oauth2.clients.NAME}, issuer, id,
 * secret) needs our settings of the same name ({@code signage.oidc.providers.NAME}:
 * labels and role mapping) and the other way round, so a half-configured provider stops
 * the start with a sentence saying what is missing instead of failing at someone's sign-in.
 */
@Context
@Singleton
public class SignInProviders {

    private final Map<String, SignInProvider> providers;
    private final Map<String, String> issuers = new TreeMap<>();

    SignInProviders(List<SignInProvider> providers, Collection<OauthClientConfiguration> clients) {
        this.providers = providers.stream().collect(Collectors.toMap(SignInProvider::getName, Function.identity(),
                (a, b) -> a, TreeMap::new));
        List<String> problems = new ArrayList<>();
        TreeSet<String> clientNames = new TreeSet<>();
        for (OauthClientConfiguration client : clients) {
            if (!client.isEnabled()) {
                continue;
            }
            clientNames.add(client.getName());
            Optional<URL> issuer = client.getOpenid().flatMap(OpenIdClientConfiguration::getIssuer);
            if (issuer.isEmpty()) {
                problems.add("micronaut.security.oauth2.clients." + client.getName() + ".openid.issuer is not set");
            } else {
                issuers.put(client.getName(), withoutTrailingSlash(issuer.get().toString()));
            }
            if (!this.providers.containsKey(client.getName())) {
                problems.add("signage.oidc.providers." + client.getName() + " (label-da, label-en, role-mapping) is missing for the client "
                        + client.getName());
            }
        }
        for (String name : this.providers.keySet()) {
            if (!clientNames.contains(name)) {
                problems.add("micronaut.security.oauth2.clients." + name + " (openid.issuer, client-id, client-secret) is missing for signage.oidc.providers." + name);
            }
            if (this.providers.get(name).mapping().entries().isEmpty()) {
                problems.add("signage.oidc.providers." + name + ".role-mapping is empty: nobody could sign in through " + name);
            }
        }
        if (!problems.isEmpty()) {
            throw new ConfigurationException("Sign-in providers are not set up right: " + String.join("; ", problems)
                    + " (README \"Sign-in with the municipality's account\")");
        }
    }

    public List<SignInProvider> all() {
        return List.copyOf(providers.values());
    }

    public Optional<SignInProvider> find(String name) {
        return Optional.ofNullable(providers.get(name));
    }

    /** The issuer configured for a provider, without a trailing slash. */
    public Optional<String> issuer(String name) {
        return Optional.ofNullable(issuers.get(name));
    }

    static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
