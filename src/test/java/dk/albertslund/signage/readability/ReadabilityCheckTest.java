package dk.albertslund.signage.readability;

import org.junit.jupiter.api.Test;

import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ReadabilityCheckTest {

    private static final Display STATION = Display.of("Stationshallen", 1920, 1080, Display.FULL);
    private static final Display LIBRARY = Display.of("Bibliotekets indgang", 1920, 1080, Display.MAIN_SIDE_TICKER);
    private static final Display TUNNEL = Display.of("Stationens underføring", 1080, 1920, Display.FULL);
    private static final String SENTENCE = "Biblioteket holder lektiecafé hver tirsdag og torsdag fra klokken "
            + "femten til sytten i læsesalen på første sal.";

    private final ReadabilityCheck check = new ReadabilityCheck();

    @Test
    void contrast_ratios_of_known_colour_pairs_follow_wcag() {
        assertThat(Colours.contrast("#777777", "#ffffff")).isCloseTo(4.48, within(0.005));
        assertThat(Colours.contrast("#ffffff", "#767676")).isCloseTo(4.54, within(0.005));
        assertThat(Colours.contrast("#000000", "#ffffff")).isEqualTo(21.0);
        assertThat(Colours.contrast("#1d4e89", "#ffffff")).isCloseTo(8.39, within(0.005));
        assertThat(Colours.contrast("#123456", "#123456")).isEqualTo(1.0);
    }

    @Test
    void the_player_puts_white_on_dark_colours_and_near_black_on_light_ones() {
        assertThat(Colours.textOn("#1d4e89")).isEqualTo("#ffffff");
        assertThat(Colours.textOn("#f2a93b")).isEqualTo("#111111");
        // neither reaches 4.5:1 on mid-grey; white contrasts more
        assertThat(Colours.textOn("#777777")).isEqualTo("#ffffff");
        assertThat(Colours.textOn("blue")).isEqualTo("#ffffff"); // the fallback #4b5d6e
    }

    @Test
    void words_are_counted_in_title_and_body_as_the_screen_shows_them() {
        List<String> body = SlideText.paragraphs(
                "<p>Fredag 15. januar kl. 20 &amp; fri entré – alle er velkomne.</p><ul><li>Tre <strong>musikere</strong></li></ul>");

        Verdict verdict = check.check(new Slide("Jazz i foyeren", body, 4, "#1d4e89", false), List.of(STATION));

        assertThat(body).containsExactly("Fredag 15. januar kl. 20 & fri entré – alle er velkomne.", "Tre musikere");
        assertThat(verdict.words()).isEqualTo(15);
        assertThat(verdict.result()).isEqualTo("problem");
        Finding speed = verdict.findings().get(0);
        assertThat(speed.code()).isEqualTo("READING_SPEED");
        assertThat(speed.severity()).isEqualTo("problem");
        assertThat(speed.measured()).isEqualTo(3.75);
        assertThat(speed.limit()).isEqualTo(3.0);
        assertThat(speed.unit()).isEqualTo("words/s");
        assertThat(speed.message().en()).isEqualTo("15 words in 4 seconds is 3.75 words a second; a passer-by reads "
                + "at most 3. Shorten the text, or show it for at least 5 seconds.");
        assertThat(speed.message().da()).isEqualTo("15 ord på 4 sekunder er 3,75 ord i sekundet; en forbipasserende "
                + "læser højst 3. Forkort teksten, eller vis den i mindst 5 sekunder.");
    }

    @Test
    void three_words_a_second_is_still_readable() {
        Slide slide = new Slide("Jazz i foyeren", List.of("Fredag kl. 20. Tre musikere spiller. Fri entré, alle er velkomne her."), 5, "#1d4e89", false);

        Verdict verdict = check.check(slide, List.of(STATION, TUNNEL, LIBRARY));

        assertThat(verdict.words()).isEqualTo(15);
        assertThat(verdict.result()).isEqualTo("ok");
        assertThat(verdict.findings()).isEmpty();
    }

    @Test
    void a_headline_over_eight_words_or_60_characters_is_a_warning_and_over_twelve_words_a_problem() {
        Finding nine = headline("Kom til åbent hus på gymnasiet og mød elever");
        Finding longWords = headline("Ungdomsuddannelsesvejledningen holder åbent i vinterferien 2027");
        Finding fourteen = headline("Kom til åbent hus på gymnasiet og mød vores elever og lærere i aften");

        assertThat(nine.severity()).isEqualTo("warning");
        assertThat(nine.measured()).isEqualTo(9.0);
        assertThat(nine.limit()).isEqualTo(8.0);
        assertThat(nine.unit()).isEqualTo("words");
        assertThat(nine.message().en()).isEqualTo("The headline has 9 words and 44 characters; a headline read at a "
                + "glance has at most 8 words and 60 characters. Say the rest in the body text.");
        assertThat(longWords.severity()).isEqualTo("warning");
        assertThat(longWords.measured()).isEqualTo(63.0);
        assertThat(longWords.unit()).isEqualTo("characters");
        assertThat(fourteen.severity()).isEqualTo("problem");
        assertThat(fourteen.message().da()).startsWith("Overskriften har 14 ord og 68 tegn; en overskrift, der kan læses i et blik, har højst 8 ord");
    }

    @Test
    void short_text_at_full_size_on_a_55_inch_screen_is_read_from_3_m_and_counts_as_large_text() {
        // #777777 gives white text at 4.48:1: too little for normal text, enough for large text;
        // full-size body text on a 55-inch screen looks at 3 m as big as 33 px on a desk screen
        Slide slide = new Slide("Lektiecafé i biblioteket", List.of(SENTENCE), 60, "#777777", false);

        assertThat(check.check(slide, List.of(STATION, TUNNEL, LIBRARY)).findings()).isEmpty();
    }

    @Test
    void text_shrunk_to_fit_is_too_small_at_3_m_and_then_needs_normal_text_contrast() {
        Slide slide = new Slide("Lektiecafé i biblioteket", Collections.nCopies(6, SENTENCE), 60, "#777777", false);

        List<Finding> findings = check.check(slide, List.of(STATION)).findings();

        assertThat(findings).extracting(Finding::code).containsExactly("CONTRAST", "TEXT_SIZE");
        Finding contrast = findings.get(0);
        assertThat(contrast.part()).isEqualTo("body");
        assertThat(contrast.measured()).isEqualTo(4.48);
        assertThat(contrast.limit()).isEqualTo(4.5);
        assertThat(contrast.message().en()).isEqualTo("The body text (#ffffff on #777777) has a contrast of 4.48:1; text of "
                + "this size needs at least 4.5:1. Choose a darker or lighter colour for the institution.");
        Finding size = findings.get(1);
        assertThat(size.severity()).isEqualTo("warning");
        assertThat(size.part()).isEqualTo("body");
        assertThat(size.screen()).isEqualTo("Stationshallen");
        assertThat(size.measured()).isEqualTo(17.2);
        assertThat(size.limit()).isEqualTo(17.5);
        assertThat(size.message().en()).isEqualTo("The body text on Stationshallen is the smallest text: its capitals are "
                + "17.2 mm tall on a 55-inch screen, and read from 3 m they should be at least 17.5 mm. "
                + "Shorten the text: the screen makes text smaller when it does not fit.");
    }

    @Test
    void the_screen_size_is_a_parameter_and_a_small_screen_makes_the_same_text_too_small() {
        Slide slide = new Slide("Lektiecafé i biblioteket", List.of(SENTENCE), 60, "#1d4e89", false);

        Finding on32 = check.check(slide, List.of(new Display("Kantinen", 1920, 1080, Display.FULL, 32, 3, false))).findings().get(0);
        Finding on24 = check.check(slide, List.of(new Display("Kontoret", 1920, 1080, Display.FULL, 24, 3, false))).findings().get(0);
        List<Finding> on24At15m = check.check(slide, List.of(new Display("Kontoret", 1920, 1080, Display.FULL, 24, 1.5, false))).findings();

        // 5.4 % of 1080 px = 58.3 px type, capitals 0.714 of it, at 0.369 mm a pixel on a 32-inch 1080p panel
        assertThat(on32.code()).isEqualTo("TEXT_SIZE");
        assertThat(on32.severity()).isEqualTo("warning");
        assertThat(on32.measured()).isEqualTo(15.4);
        assertThat(on24.severity()).isEqualTo("problem");
        assertThat(on24.measured()).isEqualTo(11.5);
        assertThat(on24.limit()).isEqualTo(17.5);
        assertThat(on24At15m).isEmpty();
    }

    @Test
    void the_layouts_side_column_and_ticker_are_named_only_when_below_the_minimum() {
        Slide slide = new Slide("Lektiecafé", List.of(SENTENCE), 60, "#1d4e89", false);

        // on a 55-inch screen the side column's titles are 15.8 mm: below the preferred size, above the minimum
        List<Finding> on55 = check.check(slide, List.of(LIBRARY)).findings();
        Finding on40 = check.check(slide, List.of(new Display("Bibliotekets indgang", 1920, 1080, Display.MAIN_SIDE_TICKER, 40, 3, false)))
                .findings().get(0);

        assertThat(on55).isEmpty();
        assertThat(on40.severity()).isEqualTo("problem");
        assertThat(on40.part()).isEqualTo("side");
        assertThat(on40.measured()).isEqualTo(11.5);
        assertThat(on40.message().da()).isEqualTo("Overskriften i sidekolonnen på Bibliotekets indgang er den mindste tekst: "
                + "de store bogstaver er 11,5 mm høje på en 40-tommers skærm, og læst fra 3 m bør de være mindst 17,5 mm. "
                + "Størrelsen er fastlagt af skærmens layout; hold overskriften kort, så den kan læses i et blik.");
    }

    @Test
    void on_a_picture_only_the_title_sits_on_the_institution_colour() {
        Slide slide = new Slide("Koncert", Collections.nCopies(4, SENTENCE), 60, "#777777", true);

        List<Finding> findings = check.check(slide, List.of(STATION)).findings();

        // the long body is shrunk, but it is white on the near-black panel; the title stays large
        assertThat(findings).extracting(Finding::code).doesNotContain("CONTRAST");
    }

    private Finding headline(String title) {
        List<Finding> findings = check.check(new Slide(title, List.of(), 30, "#1d4e89", false), List.of(STATION)).findings();
        assertThat(findings).extracting(Finding::code).containsExactly("HEADLINE_LENGTH");
        return findings.get(0);
    }
}
