package dk.albertslund.signage.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/** The one rule for slugs: the stable, URL-safe names that the API and the content pack use. */
public final class Slugs {

    public static final Pattern SLUG = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,78}[a-z0-9])?");

    /** Leaves room under the slug's 80 characters for the "-2", "-3" … that {@link #free} adds. */
    static final int MAX_DERIVED = 60;

    private Slugs() {
    }

    /**
     * A readable slug from a name people gave: "Åbent hus på EUD" becomes "aabent-hus-paa-eud".
     * Danish letters are spelled out as Danes do in addresses, rather than losing them with the
     * other accents; {@code fallback} is used when the name has no letter or digit to keep.
     */
    public static String fromName(String name, String fallback) {
        String lower = (name == null ? "" : name).toLowerCase(Locale.ROOT)
                .replace("æ", "ae").replace("ø", "oe").replace("å", "aa");
        String ascii = Normalizer.normalize(lower, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_DERIVED) {
            slug = slug.substring(0, MAX_DERIVED).replaceAll("-+$", "");
        }
        return slug.isEmpty() ? fallback : slug;
    }

    /** {@code base} itself if it is not taken, else with the first free number after it, so a derived slug never clashes. */
    public static String free(String base, Predicate<String> taken) {
        if (!taken.test(base)) {
            return base;
        }
        for (int n = 2; ; n++) {
            String candidate = base + "-" + n;
            if (!taken.test(candidate)) {
                return candidate;
            }
        }
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
