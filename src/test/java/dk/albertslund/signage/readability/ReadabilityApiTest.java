package dk.albertslund.signage.readability;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReadabilityApiTest implements PostgresTest {

    private static final String LONG_BODY = String.join("\n\n", java.util.Collections.nCopies(6,
            "Biblioteket holder lektiecafé hver tirsdag og torsdag fra klokken femten til sytten i læsesalen på første sal."));

    @Inject
    Fixtures fixtures;

    @Test
    void an_editor_sees_while_writing_that_the_words_go_by_too_fast_and_the_headline_is_long() {
        Institution library = institution("#1b7340");

        Api.Response response = fixtures.signedIn(Role.EDITOR, library.id()).post("/api/v1/announcements/readability", Map.of(
                "title", "Kom til lektiecafé i biblioteket hver tirsdag og torsdag",
                "body", "Vi hjælper med **matematik**, dansk og engelsk. Tag din computer med.",
                "durationSeconds", 5, "institution", library.slug(), "language", "da"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("result", "problem").containsEntry("words", 20);
        List<Map<String, Object>> findings = findings(response);
        assertThat(findings).extracting(f -> f.get("code")).containsExactly("READING_SPEED", "HEADLINE_LENGTH");
        assertThat(findings.get(0)).containsEntry("severity", "problem").containsEntry("measured", 4.0)
                .containsEntry("limit", 3.0).containsEntry("unit", "words/s").containsEntry("key", "readability.READING_SPEED")
                .containsEntry("message", Map.of(
                        "da", "20 ord på 5 sekunder er 4,0 ord i sekundet; en forbipasserende læser højst 3. "
                                + "Forkort teksten, eller vis den i mindst 7 sekunder.",
                        "en", "20 words in 5 seconds is 4.0 words a second; a passer-by reads at most 3. "
                                + "Shorten the text, or show it for at least 7 seconds."));
        assertThat(findings.get(1)).containsEntry("severity", "warning").containsEntry("measured", 9.0)
                .containsEntry("limit", 8.0).containsEntry("part", "title");
    }

    @Test
    void the_institution_colour_is_checked_and_a_colour_being_tried_out_wins_over_it() {
        Institution grey = institution("#777777");
        Api editor = fixtures.signedIn(Role.EDITOR, grey.id());
        Map<String, Object> draft = new HashMap<>(Map.of("title", "Lektiecafé", "body", LONG_BODY,
                "durationSeconds", 60, "institution", grey.slug()));

        Api.Response onGrey = editor.post("/api/v1/announcements/readability", draft);
        draft.put("colour", "#1d4e89");
        Api.Response onBlue = editor.post("/api/v1/announcements/readability", draft);

        // six paragraphs are shrunk to fit, so the body needs the contrast of normal text
        assertThat(findings(onGrey)).filteredOn(f -> f.get("code").equals("CONTRAST")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("part", "body").containsEntry("measured", 4.48)
                        .containsEntry("limit", 4.5));
        assertThat(findings(onBlue)).extracting(f -> f.get("code")).doesNotContain("CONTRAST");
    }

    @Test
    void an_empty_draft_is_fine_to_check_while_the_editor_starts_typing() {
        Api.Response response = fixtures.signedIn(Role.VIEWER).post("/api/v1/announcements/readability", Map.of());

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).containsEntry("result", "ok").containsEntry("words", 0);
        assertThat(findings(response)).isEmpty();
    }

    @Test
    void bad_input_names_every_field_that_is_wrong() {
        Map<String, Object> draft = new HashMap<>();
        draft.put("title", "x".repeat(121));
        draft.put("durationSeconds", 2);
        draft.put("institution", "nowhere");
        draft.put("colour", "blue");
        draft.put("language", "de");
        draft.put("media", "abc");
        draft.put("screen", "nowhere");

        Api.Response response = fixtures.signedIn(Role.VIEWER).post("/api/v1/announcements/readability", draft);

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields())
                .containsExactly("title", "durationSeconds", "institution", "colour", "language", "media", "screen");
    }

    @Test
    void without_a_token_the_check_answers_401() {
        assertThat(fixtures.anonymous().post("/api/v1/announcements/readability", Map.of("title", "Hej")).status())
                .isEqualTo(401);
    }

    @Test
    void an_approver_sees_the_verdict_of_a_submitted_announcement_and_an_outsider_may_not_see_a_draft() {
        Institution library = institution("#1b7340");
        Api editor = fixtures.signedIn(Role.EDITOR, library.id());
        String slug = fixtures.unique("lektiecafe");
        editor.post("/api/v1/announcements", Map.of("slug", slug, "institution", library.slug(),
                "title", "Lektiecafé", "body", "Hjælp med lektierne hver tirsdag og torsdag kl. 15–17 i læsesalen for alle.",
                "language", "da", "category", "education", "durationSeconds", 4));
        Api.Response draftToOutsider = fixtures.signedIn(Role.EDITOR, institution("#1d4e89").id())
                .get("/api/v1/announcements/" + slug + "/readability");
        editor.post("/api/v1/announcements/" + slug + "/submit", Map.of());

        Api.Response toApprover = fixtures.signedIn(Role.APPROVER).get("/api/v1/announcements/" + slug + "/readability");

        assertThat(draftToOutsider.status()).isEqualTo(403);
        assertThat(toApprover.status()).isEqualTo(200);
        assertThat(toApprover.body()).containsEntry("result", "problem").containsEntry("words", 14);
        assertThat(findings(toApprover)).extracting(f -> f.get("code"), f -> f.get("measured"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("READING_SPEED", 3.5));
    }

    private record Institution(long id, String slug) {
    }

    private Institution institution(String colour) {
        String slug = fixtures.unique("institution");
        Api.Response created = fixtures.signedIn(Role.ADMIN).post("/api/v1/institutions",
                Map.of("slug", slug, "name", "Institution " + slug, "colour", colour));
        return new Institution(((Number) created.body().get("id")).longValue(), slug);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> findings(Api.Response response) {
        return (List<Map<String, Object>>) response.body().get("findings");
    }
}
