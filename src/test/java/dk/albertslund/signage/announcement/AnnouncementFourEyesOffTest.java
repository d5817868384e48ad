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
import java.util.Map;
import static org.assertj.core.api.Assertions.assertThat;

/** A one-person institution switches four eyes off (SIGNAGE_FOUR_EYES=false): the writer approves their own message. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementFourEyesOffTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Campus campus;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.four-eyes", "false");
    }

    @Test
    void switched_off_the_writer_sees_the_approve_button_and_may_approve() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        String alone = fixtures.staffMember(EnumSet.of(Role.EDITOR, Role.APPROVER), library.id());
        Api api = fixtures.signInAs(alone);
        String slug = fixtures.unique("alene");
        assertThat(api.post("/api/v1/announcements", campus.announcement(library, slug)).status()).isEqualTo(201);
        assertThat(api.post("/api/v1/announcements/" + slug + "/submit", Map.of()).status()).isEqualTo(200);
        String card = "article[data-slug=" + slug + "]";

        var queue = fixtures.browser().signIn(alone, Fixtures.PASSWORD).get("/admin/approvals");

        assertThat(queue.document().select(card + " form[action$=/approve] button")).hasSize(1);
        assertThat(queue.document().select(card + " .approve-own")).isEmpty();
        assertThat(api.post("/api/v1/announcements/" + slug + "/approve", Map.of()).status()).isEqualTo(200);
    }
}
