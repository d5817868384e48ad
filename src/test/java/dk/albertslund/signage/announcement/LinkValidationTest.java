package dk.albertslund.signage.announcement;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A message's link, checked at every edge (docs/LINKS.md): the API answers 400 naming
 * {@code link}, the editor says what is wrong beside the field, the approver sees the whole
 * address, and a changed link goes back for approval like any other edit.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LinkValidationTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Campus campus;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "javascript:alert(1)                 | must be a whole web address starting with https:// or http://, like https://optagelse.dk",
            "data:text/html,<b>hej</b>           | must be a whole web address starting with https:// or http://, like https://optagelse.dk",
            "ftp://files.albertslund.dk/plan.pdf | must be a whole web address starting with https:// or http://, like https://optagelse.dk",
            "/optagelse                          | must be a whole web address starting with https:// or http://, like https://optagelse.dk",
            "optagelse.dk                        | must be a whole web address starting with https:// or http://, like https://optagelse.dk",
            "https://user:pass@optagelse.dk/     | must not contain a user name or password: everyone who scans the code would get them",
            "https://user@optagelse.dk/          | must not contain a user name or password: everyone who scans the code would get them",
            "https://optagelse.dk/a b            | must be one web address without spaces, like https://optagelse.dk",
            "https:///nothing                    | must name a web site, like https://optagelse.dk",
    })
    void a_link_that_is_not_a_plain_web_address_is_refused_naming_the_field(String link, String message) {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        Map<String, Object> command = campus.announcement(school, fixtures.unique("frist"));
        command.put("link", link);

        Api.Response refused = editor.post("/api/v1/announcements", command);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("link");
        assertThat(refused.errorMessage("link")).isEqualTo(message);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE slug = ?", command.get("slug"))).isEmpty();
    }

    @Test
    void an_overlong_link_is_refused_with_its_limit() {
        Campus.Place school = campus.institution("Gymnasiet");
        Map<String, Object> command = campus.announcement(school, fixtures.unique("frist"));
        command.put("link", "https://optagelse.dk/" + "a".repeat(480));

        Api.Response refused = fixtures.signedIn(Role.EDITOR, school.id()).post("/api/v1/announcements", command);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.errorFields()).containsExactly("link");
        assertThat(refused.errorMessage("link"))
                .isEqualTo("must be at most 500 characters: a web address that long cannot be read and approved as a whole");
    }

    @Test
    void a_web_address_is_kept_as_written_and_an_empty_one_means_none() {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        Map<String, Object> command = campus.announcement(school, fixtures.unique("frist"));
        command.put("link", "  https://optagelse.dk/ansoeg?uddannelse=stx#frist ");
        Map<String, Object> without = campus.announcement(school, fixtures.unique("uden"));
        without.put("link", "");

        assertThat(editor.post("/api/v1/announcements", command).body())
                .containsEntry("link", "https://optagelse.dk/ansoeg?uddannelse=stx#frist");
        assertThat(editor.post("/api/v1/announcements", without).body()).containsEntry("link", null);
    }

    @Test
    void changing_the_link_of_an_approved_message_sends_it_back_to_draft_and_the_approver_sees_the_new_address() {
        Campus.Place school = campus.institution("Gymnasiet");
        String writer = fixtures.staffMember(EnumSet.of(Role.EDITOR), school.id());
        Api editor = fixtures.signInAs(writer);
        String slug = fixtures.unique("frist");
        Map<String, Object> command = campus.announcement(school, slug);
        command.put("link", "https://optagelse.dk");
        fixtures.approvedMessage(editor, command);

        Map<String, Object> same = new LinkedHashMap<>(command);
        Api.Response unchanged = editor.put("/api/v1/announcements/" + slug, same);
        command.put("link", "https://optagelse.dk/ansoeg");
        Api.Response changed = editor.put("/api/v1/announcements/" + slug, command);

        assertThat(unchanged.body()).containsEntry("status", "approved");
        assertThat(changed.body()).containsEntry("status", "draft").containsEntry("link", "https://optagelse.dk/ansoeg");

        editor.post("/api/v1/announcements/" + slug + "/submit", Map.of()).expect(200);
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("en");
        WebClient.Page queue = approver.get("/admin/approvals");
        assertThat(queue.document().select("a.link-address").eachText()).contains("https://optagelse.dk/ansoeg");
        WebClient.Page page = approver.get("/admin/announcements/" + slug);
        assertThat(page.text("a.link-address")).isEqualTo("https://optagelse.dk/ansoeg");
        assertThat(page.document().selectFirst("a.link-address").attr("href")).isEqualTo("https://optagelse.dk/ansoeg");
    }

    @Test
    void the_editor_says_what_is_wrong_with_the_link_beside_the_field_in_danish_and_keeps_what_was_typed() {
        Campus.Place school = campus.institution("Gymnasiet");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        Map<String, Object> form = new LinkedHashMap<>();
        form.put("titleDa", "Ansøgningsfrist " + fixtures.unique("x"));
        form.put("bodyDa", "Søg senest 1. marts.");
        form.put("titleEn", "");
        form.put("bodyEn", "");
        form.put("institution", school.slug());
        form.put("category", "education");
        form.put("durationSeconds", "12");
        form.put("media", "");
        form.put("link", "javascript:alert(1)");
        form.put("intent", "save");

        WebClient.Page page = editor.submit("/admin/announcements", form);

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#link-error"))
                .isEqualTo("Linket skal være en hel webadresse, der begynder med https:// eller http://, fx https://optagelse.dk.");
        assertThat(page.document().selectFirst("#link").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().selectFirst("#link").attr("value")).isEqualTo("javascript:alert(1)");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = ?", form.get("titleDa"))).isEmpty();

        form.put("link", "https://optagelse.dk");
        WebClient.Page saved = editor.submit("/admin/announcements", form);
        assertThat(saved.status()).isEqualTo(303);
        assertThat(fixtures.rows("SELECT link FROM announcement WHERE title = ?", form.get("titleDa")))
                .containsExactly(Map.of("link", "https://optagelse.dk"));
        assertThat(List.of(editor.get(saved.location().orElseThrow()).document().selectFirst("#link").attr("value")))
                .containsExactly("https://optagelse.dk");
    }

    @Test
    @SuppressWarnings("unchecked")
    void the_editors_check_names_a_qr_code_too_small_to_scan_on_a_low_resolution_screen_and_none_without_a_link() {
        Campus.Place school = campus.institution("Gymnasiet");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        String screen = fixtures.unique("kantine");
        fixtures.signedIn(Role.ADMIN).post("/api/v1/screens", Map.of("slug", screen, "name", "Kantinen", "width", 800,
                "height", 480, "layout", "main-side-ticker")).expect(201);
        Map<String, Object> draft = new LinkedHashMap<>(Map.of("title", "Ansøgningsfrist", "body", "Søg senest 1. marts.",
                "durationSeconds", 10, "institution", school.slug(), "language", "da", "screen", screen));

        List<Map<String, Object>> without = (List<Map<String, Object>>) editor.post("/api/v1/announcements/readability", draft)
                .expect(200).body().get("findings");
        draft.put("link", "https://optagelse.dk");
        List<Map<String, Object>> with = (List<Map<String, Object>>) editor.post("/api/v1/announcements/readability", draft)
                .expect(200).body().get("findings");

        assertThat(without).extracting(f -> f.get("code")).doesNotContain("QR_SIZE");
        Map<String, Object> qr = with.stream().filter(f -> "QR_SIZE".equals(f.get("code"))).findFirst().orElseThrow();
        assertThat(qr).containsEntry("severity", "problem").containsEntry("part", "qr").containsEntry("screen", "Kantinen")
                .containsEntry("limit", 7.5);
        assertThat((String) ((Map<String, Object>) qr.get("message")).get("en")).startsWith("The QR code on Kantinen has squares");
    }
}
