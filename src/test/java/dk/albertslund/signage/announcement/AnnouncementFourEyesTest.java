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

/** Someone who is both editor and approver cannot approve their own message. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AnnouncementFourEyesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Campus campus;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.four-eyes", "true");
    }

    @Test
    void the_creator_cannot_approve_but_another_approver_can() {
        Campus.Place library = campus.institution("Albertslund Bibliotek");
        Api both = fixtures.signInAs(fixtures.staffMember(EnumSet.of(Role.EDITOR, Role.APPROVER), library.id()));
        Api other = fixtures.signInAs(fixtures.staffMember(EnumSet.of(Role.APPROVER), library.id()));
        String slug = fixtures.unique("egen");
        assertThat(both.post("/api/v1/announcements", campus.announcement(library, slug)).status()).isEqualTo(201);
        assertThat(both.post("/api/v1/announcements/" + slug + "/submit", Map.of()).status()).isEqualTo(200);

        Api.Response own = both.post("/api/v1/announcements/" + slug + "/approve", Map.of());

        assertThat(own.status()).isEqualTo(403);
        assertThat(own.body()).containsEntry("detail", "You wrote or last changed this message, so someone else must approve it (four eyes).");
        assertThat(other.post("/api/v1/announcements/" + slug + "/approve", Map.of()).status()).isEqualTo(200);
    }
}
