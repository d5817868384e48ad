package dk.albertslund.signage.web;

import io.micronaut.aop.InterceptorBean;
import io.micronaut.aop.MethodInterceptor;
import io.micronaut.aop.MethodInvocationContext;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.context.ServerRequestContext;
import io.micronaut.security.csrf.validator.CsrfTokenValidator;
import jakarta.inject.Singleton;

import java.util.List;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;

/** Checks the CSRF token of every non-GET staff page action (see {@link CsrfProtected}). */
@Singleton
@InterceptorBean(CsrfProtected.class)
final class CsrfInterceptor implements MethodInterceptor<Object, Object> {

    static final Message REFUSED = Message.of("csrf.refused");

    private final CsrfTokenValidator<HttpRequest<?>> validator;

    CsrfInterceptor(CsrfTokenValidator<HttpRequest<?>> validator) {
        this.validator = validator;
    }

    @Override
    public Object intercept(MethodInvocationContext<Object, Object> context) {
        HttpRequest<?> request = ServerRequestContext.currentRequest().orElse(null);
        if (request == null || request.getMethod() == HttpMethod.GET || request.getMethod() == HttpMethod.HEAD) {
            return context.proceed();
        }
        String token = token(context);
        if (token == null || token.isBlank() || !validator.validateCsrfToken(request, token)) {
            throw new ProblemException(403, "Forbidden", REFUSED, List.of());
        }
        return context.proceed();
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
