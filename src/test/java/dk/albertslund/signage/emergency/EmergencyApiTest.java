package dk.albertslund.signage.emergency;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a script (or a fire alarm panel) does with /api/v1/emergencies, under the emergency page's rules. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmergencyApiTest implements PostgresTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;

    private Map<String, Object> emergency(String title, Map<String, Object> changes) {
        Map<String, Object> body = new HashMap<>(Map.of("title", title, "body", "Brug bus 143.",
                "institution", content.institution("Albertslund Bibliotek").slug()));
        body.putAll(changes);
        return body;
    }

    @SuppressWarnings("unchecked")
    private static List<String> slideTitles(Api.Response manifest) {
        return ((List<Map<String, Object>>) manifest.body().get("slides")).stream().map(s -> (String) s.get("title")).toList();
    }

    @Test
    void an_approver_puts_an_emergency_on_named_screens_now_and_ends_it() {
        String platform = kiosks.screen("Perron 1");
        String hall = kiosks.screen("Stationshallen");
        Kiosks.Paired onPlatform = kiosks.pair(platform);
        Kiosks.Paired inHall = kiosks.pair(hall);
        Api approver = fixtures.signedIn(Role.APPROVER);

        Api.Response started = approver.post("/api/v1/emergencies", emergency("Perron 1 er lukket",
                Map.of("screens", List.of(platform), "titleEn", "Platform 1 is closed")));

        assertThat(started.status()).isEqualTo(201);
        String slug = (String) started.body().get("slug");
        assertThat(started.headers().get("Location")).isEqualTo("/api/v1/emergencies/" + slug);
        assertThat(started.body()).containsEntry("screens", List.of(platform)).containsEntry("screenNames", List.of("Perron 1"))
                .containsEntry("group", null).containsEntry("until", null);
        assertThat(slideTitles(kiosks.as(onPlatform.token()).get("/api/v1/kiosk/manifest"))).containsExactly("Perron 1 er lukket");
        assertThat(slideTitles(kiosks.as(inHall.token()).get("/api/v1/kiosk/manifest"))).doesNotContain("Perron 1 er lukket");
        assertThat(fixtures.signedIn(Role.VIEWER).get("/api/v1/emergencies").text()).contains(slug);
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'announcement' AND entity_id = "
                + "(SELECT id FROM announcement WHERE slug = ?) ORDER BY id", slug))
                .extracting(row -> row.get("action")).containsExactly("create", "submit", "approve");

        Api.Response ended = approver.delete("/api/v1/emergencies/" + slug);

        assertThat(ended.status()).isEqualTo(204);
        assertThat(approver.get("/api/v1/emergencies/" + slug).status()).isEqualTo(404);
        assertThat(slideTitles(kiosks.as(onPlatform.token()).get("/api/v1/kiosk/manifest"))).doesNotContain("Perron 1 er lukket");
        assertThat(fixtures.rows("SELECT status FROM announcement WHERE slug = ?", slug)).containsOnly(Map.of("status", "archived"));
    }

    @Test
    void an_emergency_can_start_at_a_later_time_with_an_offset_or_in_campus_time() {
        LocalDateTime later = LocalDateTime.now(CAMPUS).plusHours(2).truncatedTo(ChronoUnit.MINUTES);
        OffsetDateTime laterWithOffset = later.atZone(CAMPUS).toOffsetDateTime();
        Api approver = fixtures.signedIn(Role.APPROVER);

        Api.Response campusTime = approver.post("/api/v1/emergencies", emergency("Stormvarsel",
                Map.of("from", later.toString(), "until", later.plusHours(1).toString())));
        Api.Response withOffset = approver.post("/api/v1/emergencies", emergency("Stormvarsel 2",
                Map.of("from", laterWithOffset.toString(), "target", "all")));

        assertThat(campusTime.status()).isEqualTo(201);
        assertThat(OffsetDateTime.parse((String) campusTime.body().get("from")).toInstant()).isEqualTo(laterWithOffset.toInstant());
        assertThat(OffsetDateTime.parse((String) campusTime.body().get("until")).toInstant())
                .isEqualTo(laterWithOffset.plusHours(1).toInstant());
        assertThat(withOffset.status()).isEqualTo(201);
        assertThat(OffsetDateTime.parse((String) withOffset.body().get("from")).toInstant()).isEqualTo(laterWithOffset.toInstant());
        assertThat(approver.get("/api/v1/emergencies").text()).as("listed before it starts")
                .contains((String) campusTime.body().get("slug"));
        assertThat(fixtures.rows("SELECT DISTINCT e.start_date FROM schedule_entry e JOIN playlist p ON p.id = e.playlist_id"
                + " WHERE p.slug = ? ORDER BY 1", campusTime.body().get("slug"))).first()
                .isEqualTo(Map.of("start_date", java.sql.Date.valueOf(later.toLocalDate())));
        approver.delete("/api/v1/emergencies/" + campusTime.body().get("slug"));
        approver.delete("/api/v1/emergencies/" + withOffset.body().get("slug"));
    }

    @Test
    void bad_emergencies_are_refused_by_field_and_leave_nothing_behind() {
        String group = fixtures.unique("station");
        assertThat(content.admin().post("/api/v1/screen-groups", Map.of("slug", group, "name", "Stationen")).status()).isEqualTo(201);
        String screen = kiosks.screen("Perron 2");
        Api approver = fixtures.signedIn(Role.APPROVER);
        String past = LocalDateTime.now(CAMPUS).minusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();
        String soon = LocalDateTime.now(CAMPUS).plusHours(1).truncatedTo(ChronoUnit.MINUTES).toString();

        Map<String, Api.Response> refused = Map.of(
                "screens", approver.post("/api/v1/emergencies", emergency("Fejl 1", Map.of("target", group, "screens", List.of(screen)))),
                "screens ", approver.post("/api/v1/emergencies", emergency("Fejl 2", Map.of("screens", List.of(screen, "no-such-screen")))),
                "from", approver.post("/api/v1/emergencies", emergency("Fejl 3", Map.of("from", past))),
                "until", approver.post("/api/v1/emergencies", emergency("Fejl 4", Map.of("from", soon, "until", soon))),
                "untill", approver.post("/api/v1/emergencies", emergency("Fejl 5", Map.of("untill", soon))));

        refused.forEach((field, response) -> {
            assertThat(response.status()).as(field).isEqualTo(400);
            assertThat(response.errorFields()).as(field).containsExactly(field.strip());
        });
        assertThat(refused.get("screens ").errorMessage("screens")).isEqualTo("no screen with the slug 'no-such-screen'");
        assertThat(refused.get("untill").errorMessage("untill")).isEqualTo("is not a field here; did you mean 'until'?");
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title LIKE 'Fejl %'")).isEmpty();
        assertThat(fixtures.signedIn(Role.EDITOR, content.institution("Albertslund Bibliotek").id())
                .post("/api/v1/emergencies", emergency("Ikke tilladt", Map.of())).status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM announcement WHERE title = 'Ikke tilladt'")).isEmpty();
    }
}
