package dk.albertslund.signage.core;

import java.util.regex.Pattern;

/** The one rule for slugs: the stable, URL-safe names that the API and the content pack use. */
public final class Slugs {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?");

    private Slugs() {
    }

    /** Adds an error for {@code field} unless {@code value} is a valid slug (or absent and optional). */
    public static void check(FieldErrors errors, String field, String value, boolean required) {
        if (value == null) {
            if (required) {
                errors.add(field, "field.required");
            }
            return;
        }
        if (!SLUG.matcher(value).matches()) {
            errors.add(field, "field.slug");
        }
    }
}
