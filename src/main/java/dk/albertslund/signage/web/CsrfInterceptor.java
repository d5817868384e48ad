package dk.albertslund.signage.web;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import jakarta.inject.Singleton;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.context.env.Environment;
import io.micronaut.http.HttpHeaders;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;

/**
 * Checks every non-GET staff page action (see {@link CsrfProtected}): the browser's
 * {@code Origin} (or, without it, {@code Referer}) must be the public address when it
 * is sent, and the form must carry the signed CSRF token. The origin check is the
 * second lock for what a token cannot stop: a token leaked or planted through a
 * sibling site. Requests that send neither header (old browsers, privacy settings,
 * scripts) still need the token. On a developer's machine and in tests any localhost
 * port counts as ours, as the server picks a random port there.
 */
@Singleton
@InterceptorBean(CsrfProtected.class)
final class CsrfInterceptor implements MethodInterceptor<Object, Object> {

    static final Message REFUSED = Message.of("csrf.refused");

    private final CsrfTokenValidator<HttpRequest<?>> validator;
    private final String publicOrigin;
    private final boolean localhostIsOurs;

    CsrfInterceptor(CsrfTokenValidator<HttpRequest<?>> validator, SignageConfiguration configuration, Environment environment) {
        this.validator = validator;
        this.publicOrigin = origin(configuration.getPublicUrl());
        this.localhostIsOurs = isLocalhost(publicOrigin)
                || environment.getActiveNames().contains(Environment.TEST)
                || environment.getActiveNames().contains(Environment.DEVELOPMENT);
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElse(null);
        if (request == null || request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            return context.proceed();
        }
        if (!fromOurOrigin(request)) {
            throw new ProblemException(403, "Forbidden", REFUSED, List.of());
        }
        String token = token(context);
        if (token == null || token.isBlank() || !validator.validateCsrfToken(request, token)) {
            throw new ProblemException(403, "Forbidden", REFUSED, List.of());
        }
        return context.proceed();
    }

    private boolean fromOurOrigin(HttpRequest<?> request) {
        String claimed = request.getHeaders().get(HttpHeaders.ORIGIN);
        if (claimed == null) {
            String referer = request.getHeaders().get(HttpHeaders.REFERER);
            if (referer == null) {
                return true;
            }
            claimed = referer;
        }
        String origin = origin(claimed);
        if (origin == null) {
            // "null" (sandboxed frames, some redirects) or garbage: not provably ours.
            return false;
        }
        return origin.equals(publicOrigin) || (localhostIsOurs && isLocalhost(origin));
    }

    /** scheme://host[:port] in lower case, the default port left out, or null when it is not an http(s) URL. */
    static String origin(String url) {
        try {
            URI uri = URI.create(url.trim());
            String scheme = uri.getScheme() == null ? null : uri.getScheme().toLowerCase(Locale.ROOT);
            if (uri.getHost() == null || !("http".equals(scheme) || "https".equals(scheme))) {
                return null;
            }
            int port = uri.getPort();
            boolean defaultPort = port == -1 || ("http".equals(scheme) && port == 80) || ("https".equals(scheme) && port == 443);
            return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean isLocalhost(String origin) {
        if (origin == null) {
            return false;
        }
        String host = URI.create(origin).getHost();
        return "localhost".equals(host) || "127.0.0.1".equals(host) || "[::1]".equals(host);
    }

    private static String token(MethodInvocationContext<Object, Object> context) {
        for (Object argument : context.getParameterValues()) {
            if (argument instanceof CsrfForm form) {
                return form.csrfToken();
            }
        }
        Object named = context.getParameterValueMap().get("csrfToken");
        return named == null ? null : named.toString();
    }
}
