package dk.albertslund.signage.web;

import io.micronaut.aop.Around;
import io.micronaut.context.annotation.Type;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a staff page controller: every action other than GET must carry the page's CSRF
 * token, in a form record implementing {@link CsrfForm} or a parameter named
 * {@code csrfToken}; an action without one is refused (403), so a forgotten field
 * fails closed. A test checks that every controller under {@code /admin} has it.
 *
 * <p>Why not micronaut-security-csrf's own filter: in this Micronaut version its
 * asynchronous body check, running inside the security filter, fails every form post
 * with a NullPointerException in the filter chain. Its token generator, cookie and
 * validator are used unchanged; only the moment of checking moved to after binding.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
@Around
@Type(CsrfInterceptor.class)
public @interface CsrfProtected {
}
