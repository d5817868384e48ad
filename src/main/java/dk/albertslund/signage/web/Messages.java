package dk.albertslund.signage.web;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.MessageBundles;
import jakarta.inject.Singleton;

import java.util.List;

/**
 * Every text the staff UI shows, in Danish and English, from the bundles under
 * {@code i18n/} (read by {@link MessageBundles}). Templates reach it through the {@code t}
 * helper, and what a service said through {@code tr}; controllers through {@link #text}.
 * A key missing from a bundle shows as the key itself in brackets, which the template
 * test turns into a build failure long before anyone sees it.
 */
@Singleton
public class Messages {

    /** The bundles' base names, searched in order (see {@link MessageBundles#BUNDLES}). */
    public static final List<String> BUNDLES = MessageBundles.BUNDLES;

    public String text(String language, String key, Object... arguments) {
        return MessageBundles.text(language, key, arguments);
    }

    /** What a service said, in the page's language. */
    public String text(String language, Message message) {
        return message.in(language);
    }

    public boolean has(String language, String key) {
        return MessageBundles.has(language, key);
    }
}
