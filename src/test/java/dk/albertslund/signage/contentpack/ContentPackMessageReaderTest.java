package dk.albertslund.signage.contentpack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * One file per message (content/README.md), and files of the old form joined into their
 * message by the rule migration V15 applies to a database (docs/MESSAGES.md).
 */
class ContentPackMessageReaderTest {

    private static final Path PACK = Path.of("content");

    @Test
    void the_campus_pack_is_one_message_per_file_with_the_english_text_inside_the_danish_message() throws IOException {
        ContentPack pack = ContentPackReader.read(PACK);

        long files;
        try (Stream<Path> list = Files.list(PACK.resolve("announcements"))) {
            files = list.filter(p -> p.toString().endsWith(".md")).count();
        }
        assertThat(pack.announcements()).hasSize((int) files).hasSize(30);
        assertThat(pack.oldTranslations().joined()).isEmpty();
        ContentPack.Announcement jazz = message(pack, "jazz-i-foyeren");
        assertThat(jazz.language()).isEqualTo("da");
        assertThat(jazz.languages()).containsExactly("da", "en");
        assertThat(jazz.translations()).singleElement().satisfies(en -> {
            assertThat(en.language()).isEqualTo("en");
            assertThat(en.title()).isEqualTo("Jazz in the foyer");
            assertThat(en.body()).startsWith("Friday 15 January, 20:00.").endsWith("*Example – fictional event.*");
        });
        assertThat(jazz.durationSeconds()).isEqualTo(20);
        assertThat(pack.announcements()).extracting(ContentPack.Announcement::slug).noneMatch(s -> s.endsWith("-en"));
    }

    @Test
    void a_bad_translation_is_named_by_file_field_and_line_and_nothing_is_returned(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Path jazz = copy.resolve("announcements/jazz-i-foyeren.md");
        Files.writeString(jazz, Files.readString(jazz)
                .replace("    title: \"Jazz in the foyer\"", "    title: \"\"")
                .replace("translations:\n", "translations:\n  da:\n    title: \"Dansk igen\"\n  de:\n    title: \"Jazz im Foyer\"\n"));
        Path gaming = copy.resolve("announcements/gaming-turnering.md");
        Files.writeString(gaming, Files.readString(gaming).replace("    body: |\n", "    body: |\n      " + "x".repeat(5001) + "\n")
                .replace("  en:\n", "  en:\n    subtitle: \"Gaming\"\n"));

        assertThatThrownBy(() -> ContentPackReader.read(copy))
                .isInstanceOfSatisfying(ContentPackException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        new PackError("announcements/jazz-i-foyeren.md", lineOf(jazz, "  da:"), "translations.da",
                                "is the file's own language; a translation must be in another language"),
                        new PackError("announcements/jazz-i-foyeren.md", lineOf(jazz, "  de:"), "translations.de",
                                "must be one of da, en, not 'de'"),
                        new PackError("announcements/jazz-i-foyeren.md", lineOf(jazz, "    title: \"\""), "translations.en.title",
                                "is required (1–120 characters)"),
                        new PackError("announcements/gaming-turnering.md", lineOf(gaming, "subtitle:"), "translations.en.subtitle",
                                "is not a known field; known fields: body, title"),
                        new PackError("announcements/gaming-turnering.md", lineOf(gaming, "    body: |"), "translations.en.body",
                                "must be at most 5000 characters")));
    }

    @Test
    void translations_must_be_a_mapping_of_languages(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Path elev = copy.resolve("announcements/elev-for-en-dag.md");
        Files.writeString(elev, Files.readString(elev).replace("language: da\n", "language: da\ntranslations: [en]\n"));

        assertThatThrownBy(() -> ContentPackReader.read(copy))
                .isInstanceOfSatisfying(ContentPackException.class, e -> assertThat(e.errors()).singleElement()
                        .satisfies(err -> {
                            assertThat(err.file()).isEqualTo("announcements/elev-for-en-dag.md");
                            assertThat(err.line()).isEqualTo(lineOf(elev, "translations: [en]"));
                            assertThat(err.field()).isEqualTo("translations");
                        }));
    }

    @Test
    void an_old_style_pair_that_agrees_is_one_message_as_v15_would_make_it(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        writeOldPair(copy, "proeve", "", "tags: [zulu, foreningsliv]\nduration: 200", "tags: [alpha, zulu]\nmedia: standby-1920x1080.png\nduration: 150");
        Files.writeString(copy.resolve("playlists.yml"), Files.readString(copy.resolve("playlists.yml"))
                .replace("      - evakuering-test\n", "      - evakuering-test\n      - proeve-en\n      - proeve\n")
                .replace("      - bliv-frivillig\n", "      - proeve-en\n      - bliv-frivillig\n"));

        ContentPack pack = ContentPackReader.read(copy);

        ContentPack.Announcement proeve = message(pack, "proeve");
        assertThat(proeve.translations()).singleElement().satisfies(en -> {
            assertThat(en.language()).isEqualTo("en");
            assertThat(en.title()).isEqualTo("A test");
            assertThat(en.body()).isEqualTo("In English.");
            assertThat(en.source().file()).isEqualTo("announcements/proeve-en.md");
        });
        assertThat(proeve.durationSeconds()).as("added, at most 300").isEqualTo(300);
        assertThat(proeve.media()).as("the translation's, the original having none").isEqualTo("standby-1920x1080.png");
        assertThat(proeve.tags()).as("both sets, sorted as V15 sorts them").containsExactly("alpha", "foreningsliv", "zulu");
        assertThat(pack.announcements()).extracting(ContentPack.Announcement::slug).doesNotContain("proeve-en");
        assertThat(pack.oldTranslations().joined()).containsExactly(java.util.Map.entry("proeve-en", "proeve"));
        assertThat(playlist(pack, "noedmeddelelser").items()).as("both named: one item, where the original stood")
                .containsExactly("evakuering-test", "proeve");
        assertThat(playlist(pack, "standby").items()).as("only the old file named: the message in its place")
                .containsExactly("gratis-e-boeger", "lektiecafe-biblioteket", "uddannelsesvejledning", "proeve", "bliv-frivillig",
                        "klubaften-fredag");
    }

    @Test
    void an_old_style_pair_that_disagrees_stays_two_single_language_messages(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        writeOldPair(copy, "uenig", "", "status: submitted\nduration: 10", "duration: 10");
        writeOldPair(copy, "vindue", "", "publish_until: \"2027-01-01T00:00\"", "publish_until: \"2027-01-02T00:00\"");

        ContentPack pack = ContentPackReader.read(copy);

        for (String slug : List.of("uenig", "uenig-en", "vindue", "vindue-en")) {
            assertThat(message(pack, slug).translations()).as(slug).isEmpty();
            assertThat(message(pack, slug).durationSeconds()).as(slug).isEqualTo(10);
        }
        assertThat(message(pack, "uenig-en").language()).isEqualTo("en");
        assertThat(pack.oldTranslations().keptApart()).containsExactlyInAnyOrder("uenig-en", "vindue-en");
        assertThat(pack.oldTranslations().joined()).isEmpty();
    }

    @Test
    void an_old_style_file_in_the_message_s_own_language_or_one_it_already_has_stays_apart(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Files.writeString(copy.resolve("announcements/jazz-i-foyeren-en.md"), """
                ---
                slug: jazz-i-foyeren-en
                institution: musikteatret-albertslund
                title: "Jazz in the foyer, again"
                language: en
                translation_of: jazz-i-foyeren
                category: culture
                publish_from: "2026-11-25T00:00"
                publish_until: "2027-01-15T22:00"
                ---
                Friday.
                """);

        ContentPack pack = ContentPackReader.read(copy);

        assertThat(message(pack, "jazz-i-foyeren").translations()).extracting(ContentPack.Translation::title)
                .containsExactly("Jazz in the foyer");
        assertThat(pack.oldTranslations().keptApart()).containsExactly("jazz-i-foyeren-en");
    }

    @Test
    void a_screen_s_info_band_is_read_and_must_be_true_or_false(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Path screens = copy.resolve("screens.yml");
        Files.writeString(screens, Files.readString(screens).replaceFirst("    info_band: true", "    info_band: often"));

        assertThatThrownBy(() -> ContentPackReader.read(copy))
                .isInstanceOfSatisfying(ContentPackException.class, e -> assertThat(e.errors()).containsExactly(
                        new PackError("screens.yml", lineOf(screens, "info_band: often"), "info_band",
                                "must be true or false, not 'often'")));
    }

    /** A Danish file and an English one naming it with translation_of, each with its own extra front matter. */
    static void writeOldPair(Path pack, String slug, String shared, String danish, String english) throws IOException {
        Files.writeString(pack.resolve("announcements/" + slug + ".md"), """
                ---
                slug: %s
                institution: foreningerne
                title: "En prøve"
                language: da
                category: youth
                %s%s
                ---
                På dansk.
                """.formatted(slug, shared, danish));
        Files.writeString(pack.resolve("announcements/" + slug + "-en.md"), """
                ---
                slug: %s-en
                institution: foreningerne
                title: "A test"
                language: en
                translation_of: %s
                category: youth
                %s%s
                ---
                In English.
                """.formatted(slug, slug, shared, english));
    }

    static ContentPack.Announcement message(ContentPack pack, String slug) {
        return pack.announcements().stream().filter(a -> a.slug().equals(slug)).findFirst().orElseThrow(() -> new AssertionError(slug));
    }

    private static ContentPack.Playlist playlist(ContentPack pack, String slug) {
        return pack.playlists().stream().filter(p -> p.slug().equals(slug)).findFirst().orElseThrow();
    }

    static int lineOf(Path file, String text) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalStateException(text + " not in " + file);
    }
}
