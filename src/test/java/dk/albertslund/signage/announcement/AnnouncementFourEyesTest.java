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
import java.util.EnumSet;
import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Four eyes, on by default: this server is started without the setting, and someone who is
 * both editor and approver (or an administrator) cannot approve their own message.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementFourEyesTest implements PostgresTest {

    private static final String PATH = "/api/v1/announcements/";

    @Inject
    Fixtures fixtures;
    @Inject
    Campus campus;

    @Test
    void by_default_the_creator_cannot_approve_but_another_approver_can() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api both = fixtures.signInAs(fixtures.staffMember(EnumSet.of(Role.EDITOR, Role.APPROVER), library.id()));
        Api other = fixtures.signInAs(fixtures.staffMember(EnumSet.of(Role.APPROVER), library.id()));
        String slug = fixtures.unique("egen");
        assertThat(both.post("/api/v1/announcements", campus.announcement(library, slug)).status()).isEqualTo(201);
        assertThat(both.post(PATH + slug + "/submit", Map.of()).status()).isEqualTo(200);

        Api.Response own = both.post(PATH + slug + "/approve", Map.of());

        assertThat(own.status()).isEqualTo(403);
        assertThat(own.body()).containsEntry("detail", "You wrote or last changed this message, so someone else must approve it (four eyes).");
        assertThat(other.post(PATH + slug + "/approve", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void an_administrator_who_last_changed_someone_elses_message_cannot_approve_it() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api editor = fixtures.signedIn(Role.EDITOR, library.id());
        Api admin = fixtures.signedIn(Role.ADMIN);
        String slug = fixtures.unique("rettet");
        Map<String, Object> command = campus.announcement(library, slug);
        assertThat(editor.post("/api/v1/announcements", command).status()).isEqualTo(201);
        command.put("title", "Jazz i foyeren fredag");
        assertThat(admin.put(PATH + slug, command).status()).isEqualTo(200);
        assertThat(admin.post(PATH + slug + "/submit", Map.of()).status()).isEqualTo(200);

        assertThat(admin.post(PATH + slug + "/approve", Map.of()).status()).isEqualTo(403);
        assertThat(fixtures.approve(slug).status()).isEqualTo(200);
    }

    @Test
    void the_queue_and_the_message_page_say_why_instead_of_offering_to_approve_ones_own_message() {
        Campus.Place school = campus.institution("Gymnasiet");
        String writer = fixtures.staffMember(EnumSet.of(Role.EDITOR, Role.APPROVER), school.id());
        String slug = fixtures.unique("egen");
        Api api = fixtures.signInAs(writer);
        assertThat(api.post("/api/v1/announcements", campus.announcement(school, slug)).status()).isEqualTo(201);
        assertThat(api.post(PATH + slug + "/submit", Map.of()).status()).isEqualTo(200);
        String card = "article[data-slug=" + slug + "]";

        WebClient own = fixtures.browser().signIn(writer, Fixtures.PASSWORD).language("da");
        WebClient.Page queue = own.get("/admin/approvals");
        WebClient.Page page = own.get("/admin/announcements/" + slug);
        WebClient.Page english = fixtures.browser().signIn(writer, Fixtures.PASSWORD).language("en").get("/admin/approvals");
        WebClient.Page othersQueue = fixtures.browserAs(Role.APPROVER).language("da").get("/admin/approvals");

        assertThat(queue.document().select(card + " form[action$=/approve]")).isEmpty();
        assertThat(queue.text(card + " .approve-own"))
                .isEqualTo("Du har skrevet eller sidst ændret beskeden, så en anden skal godkende den.");
        assertThat(queue.document().select(card + " form[action$=/reject]")).hasSize(1);
        assertThat(page.text(".approve-own")).isEqualTo("Du har skrevet eller sidst ændret beskeden, så en anden skal godkende den.");
        assertThat(english.text(card + " .approve-own")).isEqualTo("You wrote or last changed this message, so someone else must approve it.");
        assertThat(othersQueue.document().select(card + " form[action$=/approve] button")).hasSize(1);
        assertThat(othersQueue.document().select(card + " .approve-own")).isEmpty();
        assertThat(own.submit("/admin/approvals/" + slug + "/approve", Map.of()).status()).isEqualTo(403);
    }
}
