package dk.albertslund.signage.contentpack;

import dk.albertslund.signage.core.MarkdownRenderer;
import dk.albertslund.signage.readability.Display;
import dk.albertslund.signage.readability.Finding;
import dk.albertslund.signage.readability.ReadabilityCheck;
import dk.albertslund.signage.readability.Slide;
import dk.albertslund.signage.readability.SlideText;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Every slide of the campus pack can be read in passing on the pack's screens that play its language. */
class ContentPackReadabilityTest {

    private final MarkdownRenderer markdown = new MarkdownRenderer();
    private final ReadabilityCheck check = new ReadabilityCheck();

    @Test
    void no_slide_of_the_campus_pack_has_a_readability_problem() {
        List<String> findings = findings(ContentPackReader.read(Path.of("content")));

        // warnings are shown for whoever edits the pack next; only problems fail the build
        findings.stream().filter(f -> f.contains(" warning ")).forEach(f -> System.out.println("readability " + f));
        assertThat(findings).as("pack slides a passer-by cannot read").noneMatch(f -> f.contains(" problem "));
    }

    @Test
    void a_pack_slide_shown_too_briefly_is_listed_with_its_file_and_finding(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Path jazz = copy.resolve("announcements/jazz-i-foyeren.md");
        Files.writeString(jazz, Files.readString(jazz).replace("duration: 10", "duration: 4"));

        List<String> findings = findings(ContentPackReader.read(copy));

        assertThat(findings).containsExactly("announcements/jazz-i-foyeren.md: problem READING_SPEED 17 words in 4 seconds "
                + "is 4.25 words a second; a passer-by reads at most 3. Shorten the text, or show it for at least 6 seconds.");
    }

    /** "file: severity CODE message" for every finding on every announcement of the pack. */
    private List<String> findings(ContentPack pack) {
        Map<String, String> colours = pack.institutions().stream()
                .collect(Collectors.toMap(ContentPack.Institution::slug, ContentPack.Institution::colour));
        List<String> findings = new ArrayList<>();
        for (ContentPack.Announcement a : pack.announcements()) {
            List<Display> displays = pack.screens().stream().filter(s -> s.languages().contains(a.language()))
                    .map(s -> Display.of(s.name(), s.width(), s.height(), s.layout())).toList();
            Slide slide = new Slide(a.title(), SlideText.paragraphs(markdown.render(a.body())), a.durationSeconds(),
                    colours.get(a.institution()), a.media() != null);
            for (Finding f : check.check(slide, displays).findings()) {
                findings.add(a.source().file() + ": " + f.severity() + " " + f.code() + " " + f.message().en());
            }
        }
        return findings;
    }
}
