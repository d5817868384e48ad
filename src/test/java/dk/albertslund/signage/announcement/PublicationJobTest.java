package dk.albertslund.signage.announcement;

import dk.albertslund.signage.scheduler.JobRuns;
import dk.albertslund.signage.scheduler.QuartzScheduler;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import static dk.albertslund.signage.scheduler.JobRuns.waitUntil;
import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicationJobTest implements PostgresTest {

    private static final String PATH = "/api/v1/announcements/";

    @Inject
    Fixtures fixtures;
    @Inject
    Campus campus;
    @Inject
    AnnouncementService announcements;
    @Inject
    QuartzScheduler quartz;

    /** The job runs every second here, as it runs every minute on a server. */
    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.jobs.publication.schedule", "PT1S");
    }

    private Campus.Place school;
    private Api editor;
    private Api approver;

    private synchronized void desk() {
        if (school == null) {
            school = campus.institution("Gymnasiet");
            editor = fixtures.signedIn(Role.EDITOR, school.id());
            approver = fixtures.signedIn(Role.APPROVER);
        }
    }

    /** An announcement written with this publish window; approved unless {@code approve} is false. */
    private String announcement(Instant from, Instant until, boolean approve) {
        desk();
        String slug = fixtures.unique("koncert");
        Map<String, Object> command = campus.announcement(school, slug);
        command.put("publishFrom", from.toString());
        command.put("publishUntil", until.toString());
        assertThat(editor.post("/api/v1/announcements", command).status()).isEqualTo(201);
        if (approve) {
            assertThat(editor.post(PATH + slug + "/submit", Map.of()).status()).isEqualTo(200);
            assertThat(approver.post(PATH + slug + "/approve", Map.of()).status()).isEqualTo(200);
        }
        return slug;
    }

    private String status(String slug) {
        return (String) fixtures.rows("SELECT status FROM announcement WHERE slug = ?", slug).get(0).get("status");
    }

    private List<Map<String, Object>> archiveEntries(String slug) {
        return fixtures.rows("""
                SELECT actor, action, before_json->>'status' AS before, after_json->>'status' AS after, after_json->>'slug' AS slug
                FROM audit_log WHERE entity_type = 'announcement' AND action = 'archive'
                AND entity_id = (SELECT id FROM announcement WHERE slug = ?)""", slug);
    }

    @Test
    void the_job_archives_an_approved_announcement_whose_window_ended_once_with_an_audit_entry() throws Exception {
        Instant now = Instant.now();
        JobRuns runs = JobRuns.of(quartz, "publication");
        String running = announcement(now.minus(2, ChronoUnit.DAYS), now.plus(2, ChronoUnit.DAYS), true);
        String endedDraft = announcement(now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS), false);
        String ended = announcement(now.minus(2, ChronoUnit.DAYS), now.minus(1, ChronoUnit.HOURS), true);

        waitUntil(() -> status(ended).equals("archived"));
        int runsWhenArchived = runs.finished();
        waitUntil(() -> runs.finished() >= runsWhenArchived + 2);

        assertThat(status(ended)).isEqualTo("archived");
        assertThat(archiveEntries(ended)).containsExactly(
                Map.of("actor", "system", "action", "archive", "before", "approved", "after", "archived", "slug", ended));
        // approved before the archiving run, so that run saw it and left it
        assertThat(status(running)).isEqualTo("approved");
        assertThat(status(endedDraft)).isEqualTo("draft");
        assertThat(archiveEntries(running)).isEmpty();
        assertThat(archiveEntries(endedDraft)).isEmpty();
    }

    @Test
    void a_window_ends_at_its_until_instant_and_archiving_again_changes_nothing() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant at = now.plus(12, ChronoUnit.HOURS);
        String endsThen = announcement(now, at, true);
        String endsJustAfter = announcement(now, at.plusMillis(1), true);

        int archived = announcements.archiveExpired(at);
        int archivedAgain = announcements.archiveExpired(at);

        assertThat(archived).isEqualTo(1);
        assertThat(archivedAgain).isZero();
        assertThat(status(endsThen)).isEqualTo("archived");
        assertThat(status(endsJustAfter)).isEqualTo("approved");
        assertThat(archiveEntries(endsThen)).hasSize(1);
    }
}
