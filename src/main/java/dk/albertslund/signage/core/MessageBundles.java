package dk.albertslund.signage.core;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every text the server words, in Danish and English, from the bundles under
 * {@code i18n/}: the staff pages' texts and what the services say ({@link Message}). A
 * key missing from a bundle shows as the key itself in brackets, which the tests turn
 * into a build failure long before anyone sees it.
 *
 * <p>A text with arguments is a {@link MessageFormat} pattern (write {@code ''} for an
 * apostrophe there); a text without is shown as it is written.
 */
public final class MessageBundles {

    public static final List<String> LANGUAGES = List.of("da", "en");
    public static final String DEFAULT_LANGUAGE = "da";

    /**
     * Bundle base names, searched in order: the shared texts, then one bundle per feature
     * ({@code i18n/<name>_da.properties} and {@code _en}), so features add texts without
     * touching each other's files; {@code problems} holds what the services say.
     */
    public static final List<String> BUNDLES = List.of("messages", "readability", "dashboard", "announcements", "approvals",
            "playlists", "schedules", "screens", "emergency", "reports", "users", "feeds", "problems",
            "golink", "submission");

    private static final Map<String, Locale> LOCALES = new ConcurrentHashMap<>();

    private MessageBundles() {
    }

    public static String text(String language, String key, Object... arguments) {
        String pattern = pattern(language, key);
        if (pattern == null) {
            return "[" + key + "]";
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale(language)).format(arguments);
    }

    public static boolean has(String language, String key) {
        return pattern(language, key) != null;
    }

    /** The message in {@code language}, its message arguments worded in the same language. */
    public static String render(String language, Message message) {
        Object[] arguments = message.args().stream()
                .map(arg -> arg instanceof Message part ? render(language, part) : arg)
                .toArray();
        return text(language, message.key(), arguments);
    }

    private static String pattern(String language, String key) {
        Locale locale = locale(language);
        for (String bundle : BUNDLES) {
            try {
                ResourceBundle messages = ResourceBundle.getBundle("i18n/" + bundle, locale,
                        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
                if (messages.containsKey(key)) {
                    return messages.getString(key);
                }
            } catch (MissingResourceException ignored) {
                // this bundle does not exist (yet) in this language
            }
        }
        return null;
    }

    private static Locale locale(String language) {
        return LOCALES.computeIfAbsent(LANGUAGES.contains(language) ? language : DEFAULT_LANGUAGE, Locale::forLanguageTag);
    }
}
