package dk.albertslund.signage.web;

import jakarta.inject.Singleton;

import java.text.MessageFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every text the staff UI shows, in Danish and English, from the bundles under
 * {@code i18n/}. Templates reach it through the {@code t} helper; controllers through
 * {@link #text}. A key missing from a bundle shows as the key itself in brackets, which
 * the template test turns into a build failure long before anyone sees it.
 */
@Singleton
public class Messages {

    /**
     * Bundle base names, searched in order: the shared texts, then one bundle per feature
     * ({@code i18n/<name>_da.properties} and {@code _en}), so features add texts without
     * touching each other's files.
     */
    public static final List<String> BUNDLES = List.of("messages", "readability", "dashboard", "announcements", "approvals",
            "playlists", "schedules", "screens", "emergency", "reports", "users", "feeds");

    private final Map<String, Locale> locales = new ConcurrentHashMap<>();

    public String text(String language, String key, Object... arguments) {
        String pattern = pattern(language, key);
        if (pattern == null) {
            return "[" + key + "]";
        }
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale(language)).format(arguments);
    }

    public boolean has(String language, String key) {
        return pattern(language, key) != null;
    }

    private String pattern(String language, String key) {
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

    private Locale locale(String language) {
        return locales.computeIfAbsent(StaffLanguage.SUPPORTED.contains(language) ? language : StaffLanguage.DEFAULT, Locale::forLanguageTag);
    }
}
