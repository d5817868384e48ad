package dk.albertslund.signage.web;

import dk.albertslund.signage.core.MessageBundles;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.cookie.Cookie;

import java.util.List;
import java.util.Locale;

/**
 * The language of the staff UI for one request: the one the person chose (a cookie),
 * else the first of Danish and English their browser asks for, else Danish.
 */
public final class StaffLanguage {

    public static final String COOKIE = "lang";
    public static final List<String> SUPPORTED = MessageBundles.LANGUAGES;
    public static final String DEFAULT = MessageBundles.DEFAULT_LANGUAGE;

    private StaffLanguage() {
    }

    public static String of(HttpRequest<?> request) {
        String chosen = request.getCookies().findCookie(COOKIE).map(Cookie::getValue).orElse(null);
        if (chosen != null && SUPPORTED.contains(chosen)) {
            return chosen;
        }
        String accepted = request.getHeaders().get(HttpHeaders.ACCEPT_LANGUAGE);
        if (accepted != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(accepted)) {
                    String language = range.getRange().split("-")[0].toLowerCase(Locale.ROOT);
                    // Norwegian and Swedish readers get Danish, the closer of the two
                    if (language.equals("nb") || language.equals("nn") || language.equals("no") || language.equals("sv")) {
                        language = "da";
                    }
                    if (SUPPORTED.contains(language)) {
                        return language;
                    }
                }
            } catch (IllegalArgumentException ignored) {
                // a malformed header counts as no preference
            }
        }
        return DEFAULT;
    }

    public static String other(String language) {
        return language.equals("da") ? "en" : "da";
    }
}
