package dk.albertslund.signage.web;

import dk.albertslund.signage.core.MessageBundles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Staff who are not technical read one word as one thing: when the menu says one word and
 * the page another, or an emergency is three different words on three pages, they ask
 * whether these are three features. The Danish bundles therefore use one word per idea,
 * and say it in Danish. Reads the bundles as the server does, from the classpath.
 */
class GlossaryTest {

    /**
     * Refused word (the start of a Danish word, so inflected forms count too) → the word to use.
     * "Planlægning" is refused as the name of the schedules page; the verb "planlægge" is fine.
     */
    private static final Map<String, String> REFUSED = Map.of(
            "nødmeddelelse", "Nødbesked",
            "nødsituation", "Nødbesked",
            "planlægning", "Tidsplan");

    /**
     * English words that are not also Danish words. "is" (ice) and "and" (duck) are Danish too,
     * so they are refused only in phrases no Danish sentence has. Matched in lower case only,
     * so proper names and codes (The Hague, BEGIN:VCALENDAR) do not count; neither do the
     * arguments and the quoted values a person types as they are ('failed').
     */
    private static final List<String> ENGLISH = List.of(
            "the", "is a", "is an", "is not", "and the", "lowercase", "digits", "letters", "hyphens",
            "address", "must", "cannot", "should", "which", "with", "failed", "invalid", "please", "not found");

    @Test
    void danish_pages_use_one_word_per_idea() throws IOException {
        List<String> found = new ArrayList<>();
        danish().forEach((where, value) -> refusedIn(value)
                .forEach(refused -> found.add(where + " says \"" + refused + "\": use \"" + REFUSED.get(refused) + "\" (" + value + ")")));
        assertThat(found).as("Danish words with a preferred synonym").isEmpty();
    }

    @Test
    void danish_pages_say_it_in_danish() throws IOException {
        List<String> found = new ArrayList<>();
        danish().forEach((where, value) -> englishIn(value)
                .forEach(word -> found.add(where + " has the English \"" + word + "\": " + value)));
        assertThat(found).as("English words in Danish texts").isEmpty();
    }

    @Test
    void the_check_finds_the_english_staff_saw_and_spares_danish_and_names() {
        assertThat(englishIn("skal være 1–80 lowercase letters, digits and hyphens")).contains("lowercase", "digits", "letters", "hyphens");
        assertThat(englishIn("Hentede ikke fra {0}: {1} is a private address.")).contains("is a", "address");
        assertThat(englishIn("Der er is og en and i søen ({0})")).isEmpty();
        assertThat(englishIn("skal være en af værdierne 'never' eller ''failed''")).isEmpty();
        assertThat(englishIn("Bruges i adressen, for eksempel The Hague og BEGIN:VCALENDAR")).isEmpty();
    }

    @Test
    void the_check_finds_inflected_synonyms_and_spares_the_verb() {
        assertThat(refusedIn("Afslut nødmeddelelsen nu")).containsExactly("nødmeddelelse");
        assertThat(refusedIn("Ingen Planlægning")).containsExactly("planlægning");
        assertThat(refusedIn("Kun godkendere må planlægge nødbeskeder.")).isEmpty();
    }

    private static List<String> refusedIn(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        return REFUSED.keySet().stream().sorted()
                .filter(refused -> Pattern.compile("(?<![\\p{L}])" + Pattern.quote(refused)).matcher(lower).find())
                .toList();
    }

    private static List<String> englishIn(String value) {
        String text = ARGUMENTS_AND_VALUES.matcher(value).replaceAll("");
        return ENGLISH.stream()
                .filter(word -> Pattern.compile("(?<![\\p{L}])" + Pattern.quote(word) + "(?![\\p{L}])").matcher(text).find())
                .toList();
    }

    /** file:key → Danish value, for every bundle the server words pages and messages from. */
    private static Map<String, String> danish() throws IOException {
        Map<String, String> all = new TreeMap<>();
        for (String name : MessageBundles.BUNDLES) {
            String file = "i18n/" + name + "_da.properties";
            Properties properties = new Properties();
            try (InputStream in = GlossaryTest.class.getClassLoader().getResourceAsStream(file)) {
                assertThat(in).as(file + " on the classpath").isNotNull();
                properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            }
            for (String key : properties.stringPropertyNames()) {
                all.put(file + ": " + key, properties.getProperty(key));
            }
        }
        return all;
    }

    private static final Pattern ARGUMENTS_AND_VALUES = Pattern.compile("\\{[^}]*}|'+[^']*'+");
}
