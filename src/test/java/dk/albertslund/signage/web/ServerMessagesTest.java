package dk.albertslund.signage.web;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ServerMessagesTest {

    private final ServerMessages messages = new ServerMessages();

    /** A message about a field written out whole in the code: add("field", "…") or badRequest("field", "…"). */
    private static final Pattern LITERAL_FIELD_MESSAGE = Pattern.compile("(?:add|badRequest|FieldError)\\(\"[A-Za-z.]+\", \"([^\"]+)\"\\)");
    private static final Pattern LITERAL_REFUSAL = Pattern.compile("(?:conflict|forbidden)\\(\"([^\"]+)\"\\)");
    /** A refusal with a status of its own written out whole: new ProblemException(410, "Gone", "…", …), new TooManyRequests("…", …). */
    private static final Pattern LITERAL_PROBLEM = Pattern.compile("new (?:ProblemException\\(\\d+, \"[^\"]+\", |TooManyRequests\\()\"([^\"]+)\"[,)]");

    @Test
    void every_message_the_code_writes_out_whole_has_a_danish_line() throws IOException {
        List<String> missing = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String source = Files.readString(file);
                for (Pattern pattern : List.of(LITERAL_FIELD_MESSAGE, LITERAL_REFUSAL, LITERAL_PROBLEM)) {
                    Matcher match = pattern.matcher(source);
                    while (match.find()) {
                        if (!messages.knows(match.group(1))) {
                            missing.add(file.getFileName() + ": " + match.group(1));
                        }
                    }
                }
            }
        }
        assertThat(missing).as("add a line to src/main/resources/i18n/server-messages_da.tsv").isEmpty();
    }

    @Test
    void messages_with_names_and_numbers_carry_them_over() {
        assertThat(messages.translate("da", "must be at least 10 characters long")).isEqualTo("skal være mindst 10 tegn");
        assertThat(messages.translate("da", "no screen group 'station'")).isEqualTo("ingen skærmgruppe 'station'");
        assertThat(messages.translate("da", "must be between -1000 and 1000")).isEqualTo("skal være mellem -1000 og 1000");
        assertThat(messages.translate("da", "An announcement with the slug 'jazz' already exists."))
                .isEqualTo("Der findes allerede et opslag med det korte navn 'jazz'.");
        assertThat(messages.translate("da", "'xx' is not a day")).isEqualTo("'xx' er ikke en ugedag");
        assertThat(messages.translate("da", "No kiosk is waiting with the code K7PQ2MXA. Check the code on the screen."))
                .isEqualTo("Ingen kiosk venter med koden K7PQ2MXA. Tjek koden på skærmen.");
        assertThat(messages.translate("da", "Too many wrong pairing codes from this address. Try again in 42 seconds."))
                .isEqualTo("For mange forkerte koder fra denne adresse. Prøv igen om 42 sekunder.");
    }

    @Test
    void english_pages_and_unknown_messages_show_the_message_as_it_is() {
        assertThat(messages.translate("en", "must be at least 10 characters long")).isEqualTo("must be at least 10 characters long");
        assertThat(messages.translate("da", "a sentence nobody wrote down")).isEqualTo("a sentence nobody wrote down");
    }
}
