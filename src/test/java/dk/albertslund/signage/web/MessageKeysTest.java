package dk.albertslund.signage.web;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.MessageBundles;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static dk.albertslund.signage.web.TemplateTranslationTest.bundle;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the server says is a message key and its arguments, worded in Danish or English
 * from the bundles. Fails the build when the code uses a key that a language lacks, writes
 * a sentence where a key belongs, or when {@code problems_*.properties} hold a key nothing
 * uses; and words a few messages to the letter in both languages.
 */
class MessageKeysTest {

    private static final Path SOURCES = Path.of("src/main/java");

    /** The first argument of the calls whose first argument is a key. */
    private static final Pattern KEY_FIRST = Pattern.compile(
            "\\b(?:Message\\.of|forbidden|conflict|notFound|FetchFailed)\\(\\s*\"([^\"]*)\"");
    /**
     * The second argument of the calls that name a field first: add(field, "key"), badRequest(…), new FieldError(…).
     * (The content pack's own errors, {@code PackError}, are English for whoever edits its files.)
     */
    private static final Pattern KEY_SECOND = Pattern.compile(
            "\\b(?:add|badRequest|FieldError)\\((?:[^;()\"]|\"[^\"]*\"|\\([^()]*\\))*?,\\s*\"([^\"]*)\"");
    private static final Pattern LITERAL = Pattern.compile("\"([a-z][A-Za-z]*(?:\\.[A-Za-z][A-Za-z0-9-]*)+)\"");
    private static final Pattern ARGUMENT = Pattern.compile("\\{\\d");

    @Test
    void every_message_key_the_code_uses_is_in_danish_and_english() throws IOException {
        Properties danish = all("da");
        Properties english = all("en");
        Set<String> prefixes = prefixes(bundle("problems_en.properties"));
        Map<String, String> used = new TreeMap<>();
        List<String> sentences = new ArrayList<>();
        for (Path file : sources()) {
            String source = Files.readString(file);
            for (Pattern call : List.of(KEY_FIRST, KEY_SECOND)) {
                Matcher match = call.matcher(source);
                while (match.find()) {
                    String key = match.group(match.groupCount());
                    if (key.contains(" ")) {
                        sentences.add(file.getFileName() + ": \"" + key + "\"");
                    } else if (!key.isEmpty()) {
                        used.putIfAbsent(key, file.getFileName().toString());
                    }
                }
            }
            Matcher literal = LITERAL.matcher(source);
            while (literal.find()) {
                if (prefixes.contains(literal.group(1).substring(0, literal.group(1).indexOf('.')))) {
                    used.putIfAbsent(literal.group(1), file.getFileName().toString());
                }
            }
        }
        assertThat(sentences).as("write a key of i18n/problems_*.properties where the code says something, not a sentence").isEmpty();
        List<String> missing = new ArrayList<>();
        used.forEach((key, file) -> {
            if (!danish.containsKey(key)) {
                missing.add(file + ": " + key + " (da)");
            }
            if (!english.containsKey(key)) {
                missing.add(file + ": " + key + " (en)");
            }
        });
        assertThat(missing).as("add the key to i18n/problems_da.properties and problems_en.properties").isEmpty();
        assertThat(used).as("keys are found in the code").hasSizeGreaterThan(200);
    }

    @Test
    void every_key_of_the_problem_bundles_is_used_by_the_code() throws IOException {
        StringBuilder all = new StringBuilder();
        for (Path file : sources()) {
            all.append(Files.readString(file));
        }
        Set<String> unused = new TreeSet<>();
        for (String key : bundle("problems_en.properties").stringPropertyNames()) {
            if (!all.toString().contains("\"" + key + "\"")) {
                unused.add(key);
            }
        }
        assertThat(unused).as("keys no code names as a whole string (a key is never pieced together, so it can be found)").isEmpty();
    }

    @Test
    void the_problem_keys_have_prefixes_of_their_own() throws IOException {
        Set<String> prefixes = prefixes(bundle("problems_en.properties"));
        List<String> shared = new ArrayList<>();
        for (String name : MessageBundles.BUNDLES) {
            if (!name.equals("problems")) {
                for (String key : bundle(name + "_en.properties").stringPropertyNames()) {
                    if (key.contains(".") && prefixes.contains(key.substring(0, key.indexOf('.')))) {
                        shared.add(name + ": " + key);
                    }
                }
            }
        }
        assertThat(shared).as("page texts under a prefix of problems_*.properties, which the key scan would take for problems").isEmpty();
    }

    @Test
    void the_problem_texts_follow_the_apostrophe_rule_and_take_the_same_arguments() throws IOException {
        Properties english = bundle("problems_en.properties");
        Properties danish = bundle("problems_da.properties");
        List<String> wrong = new ArrayList<>();
        for (String key : english.stringPropertyNames()) {
            for (Properties texts : List.of(english, danish)) {
                String text = texts.getProperty(key, "");
                boolean formatted = ARGUMENT.matcher(text).find();
                if (formatted && text.replace("''", "").contains("'")) {
                    wrong.add(key + ": a single ' in a text with arguments hides the rest: " + text);
                }
                if (!formatted && text.contains("''")) {
                    wrong.add(key + ": '' in a text without arguments is shown twice: " + text);
                }
                if (formatted) {
                    new MessageFormat(text);
                }
            }
            if (arguments(english.getProperty(key)) != arguments(danish.getProperty(key, ""))) {
                wrong.add(key + ": the languages take different arguments");
            }
        }
        assertThat(wrong).isEmpty();
    }

    @Test
    void messages_with_names_and_numbers_carry_them_over_in_both_languages() {
        assertWorded(Message.of("staff.password.tooShort", 10), "must be at least 10 characters long", "skal være mindst 10 tegn");
        assertWorded(Message.of("screenGroup.noSuch", "station"), "no screen group 'station'", "ingen skærmgruppe 'station'");
        assertWorded(Message.of("field.between", -1000, 1000), "must be between -1000 and 1000", "skal være mellem -1000 og 1000");
        assertWorded(Message.of("announcement.slug.taken", "jazz"), "An announcement with the slug 'jazz' already exists.",
                "Der findes allerede et opslag med det korte navn 'jazz'.");
        assertWorded(Message.of("schedule.days.notADay", "'xx'", "MON, TUE", "MO, TU"), "'xx' is not a day; use MON, TUE (or MO, TU)",
                "'xx' er ikke en ugedag; brug MON, TUE (eller MO, TU)");
        assertWorded(Message.of("kiosk.pairing.noSuchCode", "K7PQ2MXA"),
                "No kiosk is waiting with the code K7PQ2MXA. Check the code on the screen.",
                "Ingen kiosk venter med koden K7PQ2MXA. Tjek koden på skærmen.");
        assertWorded(Message.of("kiosk.pairing.wrongCodesHere", 42),
                "Too many wrong pairing codes from this address. Try again in 42 seconds.",
                "For mange forkerte koder fra denne adresse. Prøv igen om 42 sekunder.");
        assertWorded(Message.of("kiosk.pairing.tooManyWaitingHere", 3),
                "This address already has 3 pairing codes waiting. Try again when one has expired.",
                "Denne adresse har allerede 3 koder, der venter. Prøv igen, når en af dem er udløbet.");
    }

    @Test
    void numbers_are_written_as_they_are_not_grouped() {
        assertWorded(Message.of("field.tooLong", 5000), "must be at most 5000 characters", "må højst være 5000 tegn");
        assertWorded(Message.of("feed.fetch.status", "example.org", 304), "The server at example.org answered 304.",
                "Serveren example.org svarede 304.");
    }

    @Test
    void parts_of_a_sentence_are_worded_in_the_same_language() {
        Message inUse = Message.of("playlist.inUse", "jul", Message.joined("list.semicolon", List.of(
                Message.of("inUse.scheduleEntries", "'a', 'b'"), Message.of("inUse.screenDefault", "'foyer'"))));

        assertWorded(inUse, "The playlist 'jul' is still in use: schedule entries 'a', 'b'; default playlist of screen 'foyer'. "
                        + "Change or delete those first.",
                "Playlisten 'jul' er stadig i brug: tidsplanerne 'a', 'b'; standardplayliste for skærmen 'foyer'. Ret eller slet dem først.");
    }

    @Test
    void a_text_from_outside_the_code_is_shown_as_it_is_in_both_languages() {
        assertWorded(Message.verbatim("must not be blank {0} 'x'"), "must not be blank {0} 'x'", "must not be blank {0} 'x'");
    }

    private static void assertWorded(Message message, String english, String danish) {
        assertThat(message.english()).isEqualTo(english);
        assertThat(message.in("en")).isEqualTo(english);
        assertThat(message.in("da")).isEqualTo(danish);
    }

    private static long arguments(String text) {
        return ARGUMENT.matcher(text).results().map(m -> m.group()).distinct().count();
    }

    private static Set<String> prefixes(Properties bundle) {
        return bundle.stringPropertyNames().stream().filter(k -> k.contains("."))
                .map(k -> k.substring(0, k.indexOf('.'))).collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<Path> sources() throws IOException {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static Properties all(String language) throws IOException {
        Properties all = new Properties();
        for (String name : MessageBundles.BUNDLES) {
            all.putAll(bundle(name + "_" + language + ".properties"));
        }
        return all;
    }

}
