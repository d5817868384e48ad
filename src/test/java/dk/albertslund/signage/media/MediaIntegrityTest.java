package dk.albertslund.signage.media;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.scheduler.JobRuns;
import dk.albertslund.signage.scheduler.QuartzScheduler;
import dk.albertslund.signage.scheduler.ScheduledJobs;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dk.albertslund.signage.media.Uploads.upload;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A media file lost or damaged on disk, as an operator meets it: the check finds it, staff
 * see it on the dashboard and in /health, kiosks are no longer sent its URL (a message with
 * words plays as text, a picture-only one is left out), and when the file is put back the
 * next check brings it back to the screens.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class MediaIntegrityTest implements PostgresTest {

    private static final ListAppender<ILoggingEvent> LOG = capture();

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;
    @Inject
    PictureScreens pictures;
    @Inject
    MediaIntegrity integrity;
    @Inject
    ScheduledJobs jobs;
    @Inject
    QuartzScheduler quartz;

    /** What MediaIntegrity logs from now on (attached at class initialisation, before the server starts). */
    static ListAppender<ILoggingEvent> capture() {
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        ((Logger) LoggerFactory.getLogger(MediaIntegrity.class)).addAppender(appender);
        return appender;
    }

    private PictureScreens.PictureScreen screenShowingAPicture(int width) {
        return pictures.showingAPicture(getClass().getSimpleName(), width);
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> slides(Kiosks.Paired kiosk) {
        Api.Response manifest = kiosks.as(kiosk.token()).get("/api/v1/kiosk/manifest");
        assertThat(manifest.status()).isEqualTo(200);
        return (List<Map<String, Object>>) manifest.body().get("slides");
    }

    /** Each slide as "title: kind url" (url "-" without media), what a kiosk would play. */
    @SuppressWarnings("unchecked")
    private List<String> played(Kiosks.Paired kiosk) {
        return slides(kiosk).stream().map(s -> s.get("title") + ": " + s.get("kind") + " "
                + (s.get("media") == null ? "-" : ((Map<String, Object>) s.get("media")).get("url"))).toList();
    }

    /** The manifest is rebuilt by every server when it hears of the change on the database's channel: moments later. */
    private List<String> playedOnce(Kiosks.Paired kiosk, List<String> expected) throws InterruptedException {
        JobRuns.waitUntil(() -> played(kiosk).equals(expected));
        return played(kiosk);
    }

    @SuppressWarnings("unchecked")
    private List<String> mediaUrls(Kiosks.Paired kiosk) {
        return slides(kiosk).stream().filter(s -> s.get("media") != null)
                .map(s -> (String) ((Map<String, Object>) s.get("media")).get("url")).toList();
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> mediaHealth() {
        Api.Response health = fixtures.signedIn(Role.ADMIN).get("/health");
        return (Map<String, Object>) ((Map<String, Object>) health.body().get("details")).get("media");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> healthOf(String sha) {
        Map<String, Object> details = (Map<String, Object>) mediaHealth().get("details");
        return details == null ? null : (Map<String, Object>) details.get(sha);
    }

    @Test
    void a_missing_picture_is_left_out_of_the_manifest_shown_to_staff_and_back_once_the_file_is() throws Exception {
        PictureScreens.PictureScreen s = screenShowingAPicture(800);
        String url = s.url();
        List<String> whole = List.of("Sommerferie på biblioteket: image " + url, "Sommerplakat: image " + url);
        assertThat(playedOnce(s.kiosk(), whole)).isEqualTo(whole);

        Files.delete(s.file());
        MediaIntegrity.Report report = integrity.checkAll();

        assertThat(report.missing()).isEqualTo(1);
        assertThat(report.changed()).isEqualTo(1);
        // the message with words plays as text; the picture-only one is left out
        List<String> withoutPicture = List.of("Sommerferie på biblioteket: text -");
        assertThat(playedOnce(s.kiosk(), withoutPicture)).isEqualTo(withoutPicture);
        for (String served : mediaUrls(s.kiosk())) {
            assertThat(fixtures.anonymous().get(served).status()).as(served).isEqualTo(200);
        }
        assertThat(fixtures.rows("SELECT file_problem FROM media WHERE sha256 = ?", s.sha()))
                .containsExactly(Map.of("file_problem", "MISSING"));

        WebClient.Page english = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/dashboard");
        Element entry = english.document().selectFirst("#media-problems li[data-media=" + s.sha() + "]");
        assertThat(entry).as("the dashboard entry for the missing file").isNotNull();
        assertThat(entry.selectFirst("h3").text()).isEqualTo("Missing sommer.png");
        assertThat(entry.selectFirst(".problem").text()).startsWith("Missing from the media folder since ");
        assertThat(entry.selectFirst("li[data-announcement=" + s.withWords().slug() + "]").text())
                .isEqualTo("Sommerferie på biblioteket: shown as text only on " + s.screenName() + ".");
        assertThat(entry.selectFirst("li[data-announcement=" + s.pictureOnly().slug() + "]").text())
                .isEqualTo("Sommerplakat: left out on " + s.screenName() + ", as it is only its picture.");
        WebClient.Page danish = fixtures.browserAs(Role.VIEWER).language("da").get("/admin/dashboard");
        Element dansk = danish.document().selectFirst("#media-problems li[data-media=" + s.sha() + "]");
        assertThat(dansk.selectFirst("h3").text()).isEqualTo("Mangler sommer.png");
        assertThat(dansk.selectFirst("li[data-announcement=" + s.withWords().slug() + "]").text())
                .isEqualTo("Sommerferie på biblioteket: vises kun som tekst på " + s.screenName() + ".");

        assertThat(mediaHealth()).containsEntry("status", "UP");
        assertThat(healthOf(s.sha())).containsEntry("status", "DOWN").containsEntry("problem", "missing")
                .containsEntry("url", url).containsEntry("originalName", "sommer.png");
        Api.Response anonymous = fixtures.anonymous().get("/health");
        assertThat(anonymous.status()).isEqualTo(200);
        assertThat(anonymous.body()).containsEntry("status", "UP").doesNotContainKey("details");

        Files.write(s.file(), s.png());
        MediaIntegrity.Report again = integrity.checkAll();

        assertThat(again.missing()).isZero();
        assertThat(again.changed()).isEqualTo(1);
        assertThat(playedOnce(s.kiosk(), whole)).isEqualTo(whole);
        assertThat(fixtures.anonymous().get(url).status()).isEqualTo(200);
        assertThat(fixtures.browserAs(Role.VIEWER).language("en").get("/admin/dashboard").document()
                .select("li[data-media=" + s.sha() + "]")).isEmpty();
        assertThat(healthOf(s.sha())).isNull();
    }

    @Test
    void a_corrupt_picture_is_neither_served_nor_sent_until_the_same_file_is_uploaded_again() throws Exception {
        PictureScreens.PictureScreen s = screenShowingAPicture(801);
        String url = s.url();
        byte[] damaged = s.png().clone();
        damaged[damaged.length / 2] ^= 0x5a;
        Files.write(s.file(), damaged);

        MediaIntegrity.Report report = integrity.checkAll();

        assertThat(report.corrupt()).isEqualTo(1);
        List<String> withoutPicture = List.of("Sommerferie på biblioteket: text -");
        assertThat(playedOnce(s.kiosk(), withoutPicture)).isEqualTo(withoutPicture);
        // the wrong bytes must not be cached for a year under a URL that names other bytes
        assertThat(fixtures.anonymous().get(url).status()).isEqualTo(404);
        assertThat(healthOf(s.sha())).containsEntry("problem", "corrupt");
        Element entry = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/dashboard").document()
                .selectFirst("#media-problems li[data-media=" + s.sha() + "]");
        assertThat(entry.selectFirst("h3").text()).isEqualTo("Corrupt sommer.png");

        Api.Response again = upload(content.admin(), "sommer-igen.png", "image/png", s.png());

        assertThat(again.status()).isEqualTo(200);
        assertThat(s.file()).hasBinaryContent(s.png());
        assertThat(fixtures.rows("SELECT file_problem FROM media WHERE sha256 = ?", s.sha())).containsExactly(nullProblem());
        List<String> whole = List.of("Sommerferie på biblioteket: image " + url, "Sommerplakat: image " + url);
        assertThat(playedOnce(s.kiosk(), whole)).isEqualTo(whole);
        assertThat(fixtures.anonymous().get(url).status()).isEqualTo(200);
    }

    @Test
    void a_request_for_a_missing_file_marks_it_and_logs_it_once_however_often_it_is_asked_for() throws Exception {
        PictureScreens.PictureScreen s = screenShowingAPicture(802);
        String url = s.url();
        Files.delete(s.file());
        LOG.list.clear();

        for (int i = 0; i < 3; i++) {
            assertThat(fixtures.anonymous().get(url).status()).isEqualTo(404);
        }

        assertThat(LOG.list.stream().filter(e -> e.getLevel() == Level.WARN).map(ILoggingEvent::getFormattedMessage).toList())
                .containsExactly("Media file " + s.file().toAbsolutePath().normalize() + " (sommer.png) is missing: kiosks are no longer sent it;"
                        + " put it back or upload it again");
        assertThat(fixtures.rows("SELECT file_problem FROM media WHERE sha256 = ?", s.sha()))
                .containsExactly(Map.of("file_problem", "MISSING"));
        List<String> withoutPicture = List.of("Sommerferie på biblioteket: text -");
        assertThat(playedOnce(s.kiosk(), withoutPicture)).isEqualTo(withoutPicture);
        Files.write(s.file(), s.png());
        integrity.checkAll();
    }

    @Test
    void an_administrator_who_put_the_file_back_asks_for_a_check_and_the_screens_get_it_again() throws Exception {
        PictureScreens.PictureScreen s = screenShowingAPicture(804);
        Files.delete(s.file());
        integrity.checkAll();
        assertThat(content.admin().get("/api/v1/media/" + s.sha()).body()).containsEntry("fileProblem", "missing");
        Files.write(s.file(), s.png());

        Api.Response approver = fixtures.signedIn(Role.APPROVER).post("/api/v1/media/checks", Map.of());
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        Element button = admin.get("/admin/dashboard").document().selectFirst("#check-media");
        WebClient.Page asked = admin.submit("/admin/dashboard/media-checks", Map.of());

        assertThat(approver.status()).isEqualTo(403);
        assertThat(approver.body()).containsEntry("detail", "Only administrators may ask for a check of the media files.");
        assertThat(fixtures.browserAs(Role.VIEWER).get("/admin/dashboard").document().select("#check-media")).isEmpty();
        assertThat(button.text()).isEqualTo("Check the media files now");
        assertThat(asked.status()).isEqualTo(303);
        assertThat(asked.location()).hasValue("/admin/dashboard?notice=mediaCheck");
        assertThat(admin.get("/admin/dashboard?notice=mediaCheck").document().select("[role=status]").text())
                .isEqualTo("The media files are being checked. Reload this page in a minute to see what was found.");
        List<String> whole = List.of("Sommerferie på biblioteket: image " + s.url(), "Sommerplakat: image " + s.url());
        assertThat(playedOnce(s.kiosk(), whole)).isEqualTo(whole);
        assertThat(content.admin().post("/api/v1/media/checks", Map.of()).status()).isEqualTo(202);
        assertThat(content.admin().get("/api/v1/media/" + s.sha()).body().get("fileProblem")).isNull();
    }

    @Test
    void the_nightly_job_runs_the_check_on_the_clustered_scheduler() throws Exception {
        PictureScreens.PictureScreen s = screenShowingAPicture(803);
        Files.delete(s.file());
        JobRuns runs = JobRuns.of(quartz, "media-integrity");

        jobs.fireAt(MediaIntegrityJob.class, "test-" + fixtures.unique("run"), Instant.now(), Map.of());
        JobRuns.waitUntil(() -> runs.finished() == 1);

        assertThat(runs.finished()).isEqualTo(1);
        assertThat(fixtures.rows("SELECT file_problem FROM media WHERE sha256 = ?", s.sha()))
                .containsExactly(Map.of("file_problem", "MISSING"));
        assertThat(new MediaIntegrityJob(integrity).declaration())
                .isEqualTo(new dk.albertslund.signage.scheduler.ScheduledJob.Declaration("media-integrity", "0 0 4 * * ?",
                        dk.albertslund.signage.scheduler.Misfire.RUN_ONCE_NOW));
        Files.write(s.file(), s.png());
        integrity.checkAll();
    }

    private static Map<String, Object> nullProblem() {
        Map<String, Object> row = new HashMap<>();
        row.put("file_problem", null);
        return row;
    }
}
