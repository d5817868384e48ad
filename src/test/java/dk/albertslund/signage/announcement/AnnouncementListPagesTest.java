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

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementListPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Inject
    Campus campus;

    private String draft(Api editor, Campus.Place institution, String title, String language, String category) {
        String slug = fixtures.unique("opslag");
        Map<String, Object> command = campus.announcement(institution, slug);
        command.put("title", title);
        command.put("language", language);
        command.put("category", category);
        assertThat(editor.post("/api/v1/announcements", command).status()).isEqualTo(201);
        return slug;
    }

    @Test
    void the_list_shows_what_the_person_may_see_filtered_with_status_badges() {
        Campus.Place school = campus.institution("Gymnasiet");
        Campus.Place library = campus.institution("Biblioteket");
        Api schoolEditor = fixtures.signedIn(Role.EDITOR, school.id());
        Api libraryEditor = fixtures.signedIn(Role.EDITOR, library.id());
        String word = fixtures.unique("koncert");
        String danish = draft(schoolEditor, school, "Stor " + word + " i aulaen", "da", "culture");
        String english = draft(schoolEditor, school, "Big " + word + " in the hall", "en", "culture");
        draft(libraryEditor, library, "Lille " + word + " på biblioteket", "da", "culture");
        assertThat(schoolEditor.post("/api/v1/announcements/" + english + "/submit", Map.of()).status()).isEqualTo(200);
        WebClient browser = fixtures.browserAs(Role.EDITOR, school.id()).language("da");

        WebClient.Page all = browser.get("/admin/announcements?q=" + word);
        WebClient.Page englishOnly = browser.get("/admin/announcements?q=" + word + "&language=en&status=submitted");

        assertThat(all.status()).isEqualTo(200);
        // the library's draft is not the school editor's to see
        assertThat(all.document().select("tbody tr").eachAttr("data-slug")).containsExactlyInAnyOrder(danish, english);
        assertThat(all.text("#announcement-count")).isEqualTo("2 opslag");
        assertThat(all.text("tr[data-slug=" + danish + "] td .badge")).isEqualTo("Kladde");
        assertThat(all.text("tr[data-slug=" + english + "] td .badge")).isEqualTo("Venter på godkendelse");
        assertThat(all.text("tr[data-slug=" + danish + "] td:nth-of-type(1)")).isEqualTo("Dansk");
        assertThat(all.text("tr[data-slug=" + danish + "] td:nth-of-type(3)")).isEqualTo("Kultur");
        assertThat(all.document().selectFirst("#filter-q").attr("value")).isEqualTo(word);
        assertThat(englishOnly.document().select("tbody tr").eachAttr("data-slug")).containsExactly(english);
        assertThat(englishOnly.document().selectFirst("#filter-language option[selected]").attr("value")).isEqualTo("en");
        assertThat(englishOnly.text("tr th a")).isEqualTo("Big " + word + " in the hall");
    }

    @Test
    void a_long_list_is_paged_with_the_filters_kept() {
        Campus.Place school = campus.institution("Paging");
        Api editor = fixtures.signedIn(Role.EDITOR, school.id());
        String word = fixtures.unique("side");
        for (int i = 0; i < 27; i++) {
            draft(editor, school, word + " " + i, "da", "practical");
        }
        WebClient browser = fixtures.browserAs(Role.EDITOR, school.id()).language("en");

        WebClient.Page first = browser.get("/admin/announcements?q=" + word);
        WebClient.Page second = browser.get(first.document().selectFirst("a[rel=next]").attr("href"));

        assertThat(first.document().select("tbody tr")).hasSize(25);
        assertThat(first.text(".paging span")).isEqualTo("Page 1 of 2");
        assertThat(first.document().selectFirst("a[rel=next]").attr("href")).isEqualTo("/admin/announcements?q=" + word + "&page=1");
        assertThat(second.document().select("tbody tr")).hasSize(2);
        assertThat(second.text(".paging span")).isEqualTo("Page 2 of 2");
        assertThat(second.document().select("a[rel=next]")).isEmpty();
    }

    @Test
    void a_filter_value_that_does_not_exist_is_a_friendly_400_page() {
        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/announcements?status=lost");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("h1")).isEqualTo("Something in the request is wrong");
    }

    @Test
    void the_list_sends_someone_signed_out_to_the_sign_in_page() {
        WebClient.Page page = fixtures.browser().get("/admin/announcements");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
    }

    @Test
    void the_message_page_shows_both_languages_their_verdicts_and_who_did_what_when() {
        Campus.Place school = campus.institution("Forbrændingen");
        String editorName = fixtures.staffMember(java.util.EnumSet.of(Role.EDITOR), school.id());
        Api editor = fixtures.signInAs(editorName);
        String original = draft(editor, school, "Koncert fredag", "da", "culture");
        Map<String, Object> both = campus.announcement(school, original);
        both.put("title", "Koncert fredag");
        both.put("category", "culture");
        both.put("translations", List.of(Map.of("language", "en", "title", "Concert on Friday", "body", "Fredag kl. 20. **Fri entré.**")));
        assertThat(editor.put("/api/v1/announcements/" + original, both).status()).isEqualTo(200);
        assertThat(editor.post("/api/v1/announcements/" + original + "/submit", Map.of()).status()).isEqualTo(200);
        WebClient browser = fixtures.browserAs(Role.EDITOR, school.id()).language("en");

        WebClient.Page page = browser.get("/admin/announcements/" + original);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("section.version").eachAttr("data-language")).containsExactly("da", "en");
        assertThat(page.text("section[data-language=da] .version-title")).isEqualTo("Koncert fredag");
        assertThat(page.text("section[data-language=en] .version-title")).isEqualTo("Concert on Friday");
        assertThat(page.text("h1 .badge")).isEqualTo("Awaiting approval");
        assertThat(page.text("section[data-language=en] .verdict .badge")).isEqualTo("Easy to read");
        assertThat(page.text("section[data-language=en] .slide-fallback p:nth-of-type(2)")).isEqualTo("Fredag kl. 20. Fri entré.");
        assertThat(page.document().select("table.history tbody tr")).hasSize(3);
        assertThat(page.document().select("table.history tbody tr td:nth-child(2)").eachText()).containsOnly(editorName);
        assertThat(page.document().select("table.history tbody tr td:nth-child(3)").eachText())
                .containsExactly("Created", "Changed", "Submitted for approval");
        assertThat(page.document().select("table.history tbody tr td:nth-child(4)").eachText())
                .containsExactly("Danish", "Danish + English", "Danish + English");
        assertThat(page.text("table.history tbody tr td:nth-child(1)")).matches("\\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}");
        assertThat(page.document().select("a[href=/admin/announcements/" + original + "/edit]")).hasSize(1);
        assertThat(page.document().select("form[action=/admin/announcements/" + original + "/submit]")).isEmpty();
    }
}
