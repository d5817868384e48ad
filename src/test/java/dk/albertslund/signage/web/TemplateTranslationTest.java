package dk.albertslund.signage.web;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.TextNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fails the build when a staff page template holds text a reader would see that does
 * not come from the message bundles, when a template names a key missing from a
 * bundle, or when the Danish and English bundles differ in their keys.
 */
class TemplateTranslationTest {

    private static final Path VIEWS = Path.of("src/main/resources/views");
    private static final Path BUNDLES = Path.of("src/main/resources/i18n");

    /** Names that are the same in every language. */
    private static final Set<String> PROPER_NAMES = Set.of("Campus Signage");

    /**
     * The setup page is opened from a link by someone whose language is not known yet,
     * so it shows Danish and English side by side by design; both are in the template.
     */
    private static final Set<String> BILINGUAL_BY_DESIGN = Set.of("setup.hbs");

    private static final Set<String> READABLE_ATTRIBUTES = Set.of("title", "alt", "placeholder", "aria-label", "label");

    private static final Pattern MUSTACHE = Pattern.compile("\\{\\{\\{?[^}]*}}}?");
    private static final Pattern COMMENT = Pattern.compile("\\{\\{!--.*?--}}|\\{\\{![^}]*}}", Pattern.DOTALL);
    private static final Pattern KEY = Pattern.compile("(?<![\\w-])t \"([a-zA-Z0-9_.-]+)\"");
    private static final Pattern LETTER = Pattern.compile("\\p{L}");

    @Test
    void no_template_shows_text_that_is_not_from_the_message_bundles() throws IOException {
        List<String> untranslated = new ArrayList<>();
        for (Path template : templates()) {
            if (BILINGUAL_BY_DESIGN.contains(template.getFileName().toString())) {
                continue;
            }
            String source = COMMENT.matcher(Files.readString(template)).replaceAll("");
            source = MUSTACHE.matcher(source).replaceAll(" ");
            Document document = Jsoup.parse(source);
            document.select("script, style").remove();
            for (Element element : document.getAllElements()) {
                for (TextNode text : element.textNodes()) {
                    String visible = withoutProperNames(text.text());
                    if (LETTER.matcher(visible).find()) {
                        untranslated.add(VIEWS.relativize(template) + ": text \"" + text.text().strip() + "\"");
                    }
                }
                for (String attribute : READABLE_ATTRIBUTES) {
                    String value = withoutProperNames(element.attr(attribute));
                    if (LETTER.matcher(value).find()) {
                        untranslated.add(VIEWS.relativize(template) + ": " + attribute + "=\"" + element.attr(attribute) + "\"");
                    }
                }
                if (element.is("input[type=submit], input[type=button]") && LETTER.matcher(element.attr("value")).find()) {
                    untranslated.add(VIEWS.relativize(template) + ": button value \"" + element.attr("value") + "\"");
                }
            }
        }
        assertThat(untranslated).as("literal text in templates; put it in i18n/messages_*.properties and use {{t \"key\"}}").isEmpty();
    }

    @Test
    void every_key_a_template_uses_is_in_both_languages() throws IOException {
        Properties danish = new Properties();
        Properties english = new Properties();
        for (String name : Messages.BUNDLES) {
            danish.putAll(bundle(name + "_da.properties"));
            english.putAll(bundle(name + "_en.properties"));
        }
        List<String> missing = new ArrayList<>();
        for (Path template : templates()) {
            Matcher keys = KEY.matcher(Files.readString(template));
            while (keys.find()) {
                String key = keys.group(1);
                if (!danish.containsKey(key)) {
                    missing.add(VIEWS.relativize(template) + ": " + key + " (da)");
                }
                if (!english.containsKey(key)) {
                    missing.add(VIEWS.relativize(template) + ": " + key + " (en)");
                }
            }
        }
        assertThat(missing).isEmpty();
    }

    @Test
    void the_danish_and_english_bundles_have_the_same_keys() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> bundles = Files.list(BUNDLES)) {
            bundles.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".properties")).map(f -> f.replaceAll("_(da|en)\\.properties$", "")).forEach(files::add);
        }
        assertThat(Messages.BUNDLES).as("every bundle file is listed in Messages.BUNDLES").containsAll(files);
        for (String name : Messages.BUNDLES) {
            if (!Files.exists(BUNDLES.resolve(name + "_da.properties")) && !Files.exists(BUNDLES.resolve(name + "_en.properties"))) {
                continue;
            }
            Set<String> danish = new TreeSet<>(bundle(name + "_da.properties").stringPropertyNames());
            Set<String> english = new TreeSet<>(bundle(name + "_en.properties").stringPropertyNames());
            assertThat(danish).as(name + ": keys only in Danish").containsAll(english);
            assertThat(english).as(name + ": keys only in English").containsAll(danish);
        }
    }

    private static String withoutProperNames(String text) {
        String result = text;
        for (String name : PROPER_NAMES) {
            result = result.replace(name, "");
        }
        return result;
    }

    private static List<Path> templates() throws IOException {
        try (Stream<Path> files = Files.walk(VIEWS)) {
            return files.filter(f -> f.toString().endsWith(".hbs")).sorted().toList();
        }
    }

    static Properties bundle(String file) throws IOException {
        Properties properties = new Properties();
        Path path = BUNDLES.resolve(file);
        if (Files.exists(path)) {
            try (InputStream in = Files.newInputStream(path); var reader = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
