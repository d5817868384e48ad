package dk.albertslund.signage.web;

import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * What every staff page shows around its own content: who is signed in, the navigation
 * they may use, the language (and the link to the other one), the page's CSP nonce and
 * CSRF token, the notice after a form was saved (a message key), the alert after an
 * action failed (a message key; red, so a failure never reads as a success) and the
 * emergency banner while an emergency plays.
 */
public record Layout(
        String lang,
        String otherLang,
        String path,
        @Nullable String nonce,
        @Nullable String csrfToken,
        @Nullable User user,
        List<NavItem> nav,
        @Nullable String notice,
        @Nullable String alert,
        @Nullable EmergencyBanner emergency) {

    public record User(String name, String username, boolean admin, boolean approver) {
    }

    /** A navigation link; {@code label} is a message key. */
    public record NavItem(String label, String href, boolean current) {
    }

    /** The active emergency, for the banner on every page. */
    public record EmergencyBanner(String title, String target, String href) {
    }
}
