package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Titles cannot hide what they say behind control or bidi-override characters; bodies lose them. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementHiddenCharactersTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Campus campus;

    @Test
    @SuppressWarnings("unchecked")
    void titles_with_control_or_bidi_characters_are_refused_naming_the_field_in_both_languages() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api admin = fixtures.signedIn(Role.ADMIN);
        for (String hidden : List.of("\u202E", "\u202A", "\u2066", "\u2069", "\u0000", "\u001b", "\n", "\u0085", "\u009b")) {
            String slug = fixtures.unique("skjult");
            Map<String, Object> command = campus.announcement(library, slug);
            command.put("title", "Gratis " + hidden + "kaffe");
            command.put("translations", List.of(Map.of("language", "en", "title", "Free " + hidden + "coffee", "body", "Hi")));

            Api.Response response = admin.post("/api/v1/announcements", command);

            assertThat(response.status()).as("U+%04X", (int) hidden.charAt(0)).isEqualTo(400);
            assertThat(response.errorFields()).containsExactly("title", "translations.en.title");
            assertThat(fixtures.rows("SELECT id FROM announcement WHERE slug = ?", slug)).isEmpty();
        }
        Map<String, Object> command = campus.announcement(library, fixtures.unique("skjult"));
        command.put("title", "Gratis \u202Eeffak");
        assertThat(admin.post("/api/v1/announcements", command).text()).contains("U+202E");
    }

    @Test
    void bodies_lose_hidden_characters_but_keep_lines_danish_letters_and_emoji() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api admin = fixtures.signedIn(Role.ADMIN);
        String slug = fixtures.unique("krop");
        Map<String, Object> command = campus.announcement(library, slug);
        command.put("title", "Æbleskiver på Østergård – åbent 🎄");
        command.put("body", "Rød\u202E grød\u0007 med fløde 🍓\nLinje to\u2066");

        Api.Response created = admin.post("/api/v1/announcements", command);

        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body()).containsEntry("title", "Æbleskiver på Østergård – åbent 🎄")
                .containsEntry("body", "Rød grød med fløde 🍓\nLinje to");
    }
}
