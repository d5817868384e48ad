package dk.albertslund.signage.contentpack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static dk.albertslund.signage.contentpack.ContentPackMessageReaderTest.lineOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The content pack's messages carry links (docs/LINKS.md), checked by the announcement's own rule with file, field and line. */
class ContentPackLinkTest {

    private static final Path PACK = Path.of("content");

    private static ContentPack.Announcement message(ContentPack pack, String slug) {
        return pack.announcements().stream().filter(a -> a.slug().equals(slug)).findFirst().orElseThrow();
    }

    @Test
    void the_application_deadline_and_the_open_houses_carry_their_links_and_other_messages_none() throws IOException {
        ContentPack pack = ContentPackReader.read(PACK);

        assertThat(message(pack, "optagelse-1-marts").link()).isEqualTo("https://www.optagelse.dk/");
        assertThat(message(pack, "aabent-hus-gymnasiet").link()).isEqualTo("https://www.ug.dk/");
        assertThat(message(pack, "aabent-hus-eud").link()).isEqualTo("https://www.ug.dk/");
        assertThat(message(pack, "jazz-i-foyeren").link()).isNull();
    }

    @Test
    void a_link_that_is_not_a_plain_web_address_is_named_by_file_field_and_line(@TempDir Path copy) throws IOException {
        ContentPackReaderTest.copyPack(copy);
        Path deadline = copy.resolve("announcements/optagelse-1-marts.md");
        Files.writeString(deadline, Files.readString(deadline).replace("link: \"https://www.optagelse.dk/\"", "link: \"javascript:alert(1)\""));
        Path openHouse = copy.resolve("announcements/aabent-hus-eud.md");
        Files.writeString(openHouse, Files.readString(openHouse).replace("link: \"https://www.ug.dk/\"", "link: \"https://elev:hemmelig@www.ug.dk/\""));

        assertThatThrownBy(() -> ContentPackReader.read(copy))
                .isInstanceOfSatisfying(ContentPackException.class, e -> assertThat(e.errors()).containsExactlyInAnyOrder(
                        new PackError("announcements/optagelse-1-marts.md", lineOf(deadline, "link:"), "link",
                                "must be a whole web address starting with https:// or http://, like https://optagelse.dk,"
                                        + " not 'javascript:alert(1)'"),
                        new PackError("announcements/aabent-hus-eud.md", lineOf(openHouse, "link:"), "link",
                                "must not contain a user name or password: everyone who scans the code would get them,"
                                        + " not 'https://elev:hemmelig@www.ug.dk/'")));
    }
}
