package dk.albertslund.signage.schedule;

import dk.albertslund.signage.contentpack.ContentPackImporter;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The campus pack's station screen over a December week, read through the API as staff would. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CampusTimelineTest implements PostgresTest {

    private static final String WEEK = "from=2026-12-07T00:00:00%2B01:00&to=2026-12-14T00:00:00%2B01:00";

    @Inject
    ContentPackImporter importer;
    @Inject
    Fixtures fixtures;

    private List<Map<String, Object>> segments;

    @BeforeAll
    @SuppressWarnings("unchecked")
    void importThePackAndReadTheWeek() {
        importer.importPack(Path.of("content"));
        Api.Response timeline = fixtures.signedIn(Role.VIEWER).get("/api/v1/screens/station-hal/timeline?" + WEEK);
        assertThat(timeline.status()).isEqualTo(200);
        segments = (List<Map<String, Object>>) timeline.body().get("segments");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> reasonAt(String localTime) {
        OffsetDateTime at = OffsetDateTime.parse(localTime);
        Map<String, Object> segment = segments.stream()
                .filter(s -> !OffsetDateTime.parse((String) s.get("start")).isAfter(at) && OffsetDateTime.parse((String) s.get("end")).isAfter(at))
                .findFirst().orElseThrow();
        return (Map<String, Object>) segment.get("reason");
    }

    @SuppressWarnings("unchecked")
    private static List<String> winners(Map<String, Object> reason) {
        return ((List<Map<String, Object>>) reason.getOrDefault("winners", List.of())).stream().map(w -> (String) w.get("entry")).toList();
    }

    @Test
    void the_week_is_covered_from_start_to_end_without_gaps() {
        assertThat(segments.get(0).get("start")).isEqualTo("2026-12-07T00:00:00+01:00");
        assertThat(segments.get(segments.size() - 1).get("end")).isEqualTo("2026-12-14T00:00:00+01:00");
        for (int i = 1; i < segments.size(); i++) {
            assertThat(segments.get(i).get("start")).isEqualTo(segments.get(i - 1).get("end"));
        }
    }

    @Test
    void weekday_mornings_play_education_for_commuters() {
        Map<String, Object> reason = reasonAt("2026-12-08T08:00+01:00");

        assertThat(reason.get("kind")).isEqualTo("schedule");
        assertThat(winners(reason)).containsExactly("station-morgen-uddannelse");
    }

    @Test
    void friday_night_runs_past_midnight_into_saturday() {
        assertThat(winners(reasonAt("2026-12-11T23:30+01:00"))).containsExactly("weekend-nat");
        assertThat(winners(reasonAt("2026-12-12T01:30+01:00"))).containsExactly("weekend-nat");
        assertThat(winners(reasonAt("2026-12-12T02:30+01:00"))).doesNotContain("weekend-nat");
    }

    @Test
    void saturday_morning_has_no_education_window() {
        assertThat(winners(reasonAt("2026-12-12T08:00+01:00"))).doesNotContain("station-morgen-uddannelse");
    }
}
