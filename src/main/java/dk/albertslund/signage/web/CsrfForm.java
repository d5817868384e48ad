package dk.albertslund.signage.web;

import io.micronaut.core.annotation.Nullable;

/** A form posted from a staff page: it carries the page's CSRF token in a hidden field. */
public interface CsrfForm {

    @Nullable
    String csrfToken();

    /** A form with nothing but the token, for buttons such as "sign out" or "approve". */
    @io.micronaut.serde.annotation.Serdeable
    record TokenOnly(@Nullable String csrfToken) implements CsrfForm {
    }
}
