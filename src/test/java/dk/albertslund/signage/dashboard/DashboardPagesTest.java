package dk.albertslund.signage.dashboard;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardPagesTest implements PostgresTest {

    private static final DateTimeFormatter DANISH = DateTimeFormatter.ofPattern("d. MMM yyyy 'kl.' HH.mm", Locale.forLanguageTag("da"))
            .withZone(ZoneId.of("Europe/Copenhagen"));

    @Inject
    Fixtures fixtures;

    @Inject
    ContentFixtures content;

    @Inject
    JsonMapper json;

    /** A screen whose default playlist holds one approved announcement ending at {@code until}; returns the screen's slug. */
    private String screenPlaying(String title, Instant until) {
        ContentFixtures.Institution library = content.institution("Albertslund Bibliotek");
        String announcement = fixtures.approvedMessage(content.admin(), Map.of("slug", fixtures.unique("announcement"),
                "institution", library.slug(), "title", title, "language", "da", "category", "culture",
                "publishUntil", until.toString()));
        String playlist = fixtures.unique("playlist");
        content.playlist(Map.of("slug", playlist, "name", "Biblioteket", "items", List.of(announcement)));
        String screen = fixtures.unique("screen");
        assertThat(content.admin().post("/api/v1/screens", Map.of("slug", screen, "name", "Biblioteket " + screen,
                "location", "Indgangen", "defaultPlaylist", playlist)).status()).isEqualTo(201);
        return screen;
    }

    @Test
    void signed_out_the_dashboard_sends_to_the_sign_in_page() {
        WebClient.Page page = fixtures.browser().get("/admin/dashboard");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
    }

    @Test
    void every_screen_shows_its_status_what_it_plays_and_when_that_changes() {
        Instant until = Instant.now().plus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        String screen = screenPlaying("Skrivenat på biblioteket", until);

        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("da").get("/admin/dashboard");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("h1")).isEqualTo("Oversigt");
        Element card = page.document().selectFirst("li[data-screen=" + screen + "]");
        assertThat(card.selectFirst(".status").text()).isEqualTo("Offline");
        assertThat(card.select(".playing li").eachText()).containsExactly("Skrivenat på biblioteket");
        assertThat(card.selectFirst(".next-change").text()).isEqualTo("Næste skift: " + DANISH.format(until));
        assertThat(card.selectFirst("[data-preview]").attr("aria-label")).isEqualTo("Det viser Biblioteket " + screen + " nu");
        assertThat(page.document().select("script[type=module]").attr("src")).isEqualTo("/admin/assets/dashboard.js");
    }

    @Test
    void announcements_ending_within_a_week_are_listed_soonest_first() {
        Instant soon = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MINUTES);
        screenPlaying("Koncert i Musikteatret", soon);
        screenPlaying("Lektiecafé om tre uger", Instant.now().plus(21, ChronoUnit.DAYS));

        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/dashboard");

        Element row = page.document().select("#expiring tbody tr").stream()
                .filter(r -> r.selectFirst("th").text().equals("Koncert i Musikteatret")).findFirst().orElseThrow();
        assertThat(row.select("td").get(1).text()).isEqualTo(DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm", Locale.UK)
                .withZone(ZoneId.of("Europe/Copenhagen")).format(soon));
        assertThat(page.document().select("#expiring tbody th").eachText()).doesNotContain("Lektiecafé om tre uger");
    }

    @Test
    void approvers_see_how_many_announcements_wait_for_them_and_others_do_not() {
        ContentFixtures.Institution school = content.institution("Kongsholm Gymnasium");
        content.announcement(school.id(), "education", "submitted", List.of(), null, null);
        long waiting = (Long) fixtures.rows("SELECT count(*) AS n FROM announcement WHERE status = 'submitted'").get(0).get("n");

        WebClient.Page approver = fixtures.browserAs(Role.APPROVER).language("en").get("/admin/dashboard");
        WebClient.Page editor = fixtures.browserAs(Role.EDITOR, school.id()).language("en").get("/admin/dashboard");

        assertThat(approver.text("#approvals")).isEqualTo(waiting == 1 ? "One announcement is waiting for approval"
                : waiting + " announcements are waiting for approval");
        assertThat(approver.document().selectFirst("#approvals a").attr("href")).isEqualTo("/admin/approvals");
        assertThat(editor.document().select("#approvals")).isEmpty();
    }

    @Test
    void the_preview_reads_the_manifest_the_screens_kiosk_gets() throws Exception {
        String screen = screenPlaying("Gaming-turnering", Instant.now().plus(5, ChronoUnit.DAYS));
        WebClient browser = fixtures.browserAs(Role.VIEWER);

        HttpResponse<String> now = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fixtures.url() + "/admin/dashboard/screens/" + screen + "/now"))
                .header("Accept", "application/json").header("Cookie", "JWT=" + browser.cookie("JWT").orElseThrow()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> anonymous = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(fixtures.url() + "/admin/dashboard/screens/" + screen + "/now"))
                .header("Accept", "application/json").GET().build(), HttpResponse.BodyHandlers.ofString());

        assertThat(now.statusCode()).isEqualTo(200);
        @SuppressWarnings("unchecked")
        Map<String, Object> manifest = json.readValue(now.body(), Map.class);
        assertThat(manifest).containsEntry("emergency", false);
        assertThat((List<Map<String, Object>>) manifest.get("slides")).extracting(s -> s.get("title")).containsExactly("Gaming-turnering");
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }
}
