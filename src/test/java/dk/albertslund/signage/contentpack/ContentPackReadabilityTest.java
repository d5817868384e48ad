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
        Files.writeString(jazz, Files.readString(jazz).replaceFirst("duration: \\d+", "duration: 8"));

        List<String> findings = findings(ContentPackReader.read(copy));

        // 8 seconds for two languages: each is read in 4
        assertThat(findings).containsExactly("announcements/jazz-i-foyeren.md: problem READING_SPEED 17 words in 4 seconds "
                        + "is 4.25 words a second; a passer-by reads at most 3. Shorten the text, or show it for at least 6 seconds.",
                "announcements/jazz-i-foyeren.md (en): problem READING_SPEED 18 words in 4 seconds "
                        + "is 4.5 words a second; a passer-by reads at most 3. Shorten the text, or show it for at least 6 seconds.");
    }

    /**
     * "file: severity CODE message" for every finding on every language of every message of
     * the pack. The languages take turns within the slide's time (docs/MESSAGES.md), so each
     * is judged on its share, on the screens that play it, as the announcement service does.
     */
    private List<String> findings(ContentPack pack) {
        Map<String, String> colours = pack.institutions().stream()
                .collect(Collectors.toMap(ContentPack.Institution::slug, ContentPack.Institution::colour));
        List<String> findings = new ArrayList<>();
        for (ContentPack.Announcement a : pack.announcements()) {
            int share = Math.max(1, a.durationSeconds() / a.languages().size());
            List<ContentPack.Translation> versions = new ArrayList<>();
            versions.add(new ContentPack.Translation(a.source(), a.language(), a.title(), a.body()));
            versions.addAll(a.translations());
            for (ContentPack.Translation version : versions) {
                List<Display> displays = pack.screens().stream().filter(s -> s.languages().contains(version.language()))
                        .map(s -> Display.of(s.name(), s.width(), s.height(), s.layout()).withInfoBand(s.infoBand())).toList();
                Slide slide = new Slide(version.title(), SlideText.paragraphs(markdown.render(version.body())), share,
                        colours.get(a.institution()), a.media() != null);
                String where = a.source().file() + (version.language().equals(a.language()) ? "" : " (" + version.language() + ")");
                for (Finding f : check.check(slide, displays).findings()) {
                    findings.add(where + ": " + f.severity() + " " + f.code() + " " + f.message().en());
                }
            }
        }
        return findings;
    }
}
