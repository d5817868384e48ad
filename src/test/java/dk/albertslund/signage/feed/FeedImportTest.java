package dk.albertslund.signage.feed;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dk.albertslund.signage.feed.IcsParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** Imports over real HTTP on 127.0.0.1, as of a fixed moment in March 2026 (before both DST days' events). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedImportTest implements PostgresTest {

    private static final Instant MARCH = Instant.parse("2026-03-20T12:00:00Z");
    private static final String JAZZ_UID = "5k2p9q7r1s3t@google.com";

    @Inject
    Fixtures fixtures;
    @Inject
    FeedImporter importer;

    private final FeedServer server;

    FeedImportTest() throws IOException {
        server = new FeedServer();
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.feeds.allowed-addresses", "127.0.0.1");
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private Api admin;
    private String institution;

    /** A new institution and a feed of it at {@code path}; returns the feed's slug. */
    private String feed(String kind, String path, Map<String, Object> settings) {
        admin = fixtures.signedIn(Role.ADMIN);
        institution = fixtures.unique("musikteatret");
        admin.post("/api/v1/institutions", Map.of("slug", institution, "name", "Musikteatret"));
        String slug = fixtures.unique("feed");
        Map<String, Object> command = new HashMap<>(Map.of("slug", slug, "name", "Musikteatrets kalender", "kind", kind,
                "url", server.url(path), "institution", institution));
        command.putAll(settings);
        Api.Response created = admin.post("/api/v1/feeds", command);
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return slug;
    }

    private long id(String feed) {
        return ((Number) fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", feed).get(0).get("id")).longValue();
    }

    private void serveFresh(String path, String text) {
        server.serveFresh(path, text);
    }

    private List<Map<String, Object>> announcements(String feed) {
        return fixtures.rows("""
                SELECT a.id, a.title, a.status, a.publish_from, a.publish_until, a.body_markdown, i.uid, i.recurrence_id
                FROM announcement a LEFT JOIN feed_item i ON i.announcement_id = a.id
                WHERE a.slug LIKE ? ORDER BY a.publish_until, a.title""", "f" + id(feed) + "-%");
    }

    private Map<String, Object> announcement(String feed, String title) {
        return announcements(feed).stream().filter(a -> a.get("title").equals(title)).findFirst().orElseThrow();
    }

    private static Instant instant(Object timestamp) {
        return ((Timestamp) timestamp).toInstant();
    }

    @Test
    void a_google_calendar_becomes_announcements_awaiting_approval_and_a_second_import_changes_nothing() {
        String feed = feed("ics-url", "/google/basic.ics", Map.of("leadTimeDays", 7));
        serveFresh("/google/basic.ics", fixture("google-musikteatret.ics"));

        FeedService.ImportResult first = importer.run(id(feed), MARCH);
        long auditRows = (long) fixtures.rows("SELECT count(*) AS n FROM audit_log WHERE actor = ?", "feed:" + feed).get(0).get("n");
        FeedService.ImportResult second = importer.run(id(feed), MARCH);

        assertThat(first).isEqualTo(new FeedService.ImportResult("ok", 5, 0, 0, 0, null, null));
        assertThat(second).isEqualTo(new FeedService.ImportResult("ok", 0, 0, 0, 5, null, null));
        assertThat(auditRows).isEqualTo(5);
        assertThat(fixtures.rows("SELECT count(*) AS n FROM audit_log WHERE actor = ?", "feed:" + feed).get(0).get("n")).isEqualTo(5L);
        Map<String, Object> jazz = announcement(feed, "Forårsjazz: Albertslund Big Band");
        assertThat(jazz.get("status")).isEqualTo("submitted");
        assertThat(instant(jazz.get("publish_from"))).isEqualTo(Instant.parse("2026-03-22T17:30:00Z"));
        assertThat(instant(jazz.get("publish_until"))).isEqualTo(Instant.parse("2026-03-29T17:30:00Z"));
        assertThat((String) jazz.get("body_markdown")).startsWith("**søndag 29. marts kl. 19.30** · Musikteatret, Bibliotekstorvet 1")
                .endsWith("[[starts-in 2026-03-29T17:30:00Z]]");
        // in the order they leave the screens: each occurrence of the series is its own announcement
        assertThat(announcements(feed)).extracting(a -> a.get("title"), a -> a.get("recurrence_id")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Korprøve: Campuskoret", "20260324T170000Z"),
                org.assertj.core.groups.Tuple.tuple("Forårsjazz: Albertslund Big Band", ""),
                org.assertj.core.groups.Tuple.tuple("Korprøve: Campuskoret (flyttet)", "20260331T160000Z"),
                org.assertj.core.groups.Tuple.tuple("Kulturnat på Campus", ""),
                org.assertj.core.groups.Tuple.tuple("Korprøve: Campuskoret", "20260421T160000Z"));
    }

    @Test
    void an_event_moved_to_another_day_updates_its_announcement_and_sends_it_back_for_approval() {
        String feed = feed("ics-url", "/google/moved.ics", Map.of("leadTimeDays", 2, "showUntil", "end"));
        String before = fixture("google-musikteatret.ics");
        serveFresh("/google/moved.ics", before);
        importer.run(id(feed), MARCH);
        Map<String, Object> original = announcement(feed, "Forårsjazz: Albertslund Big Band");
        String slug = (String) fixtures.rows("SELECT slug FROM announcement WHERE id = ?", original.get("id")).get(0).get("slug");
        assertThat(fixtures.signedIn(Role.APPROVER).post("/api/v1/announcements/" + slug + "/approve", Map.of()).status()).isEqualTo(200);

        serveFresh("/google/moved.ics", before.replace("20260329T193000", "20260330T193000").replace("20260329T220000", "20260330T220000"));
        FeedService.ImportResult result = importer.run(id(feed), MARCH);

        Map<String, Object> moved = announcement(feed, "Forårsjazz: Albertslund Big Band");
        assertThat(result.updated()).isEqualTo(1);
        assertThat(moved.get("id")).isEqualTo(original.get("id"));
        assertThat(moved.get("status")).isEqualTo("submitted");
        assertThat(instant(moved.get("publish_from"))).isEqualTo(Instant.parse("2026-03-28T17:30:00Z"));
        assertThat(instant(moved.get("publish_until"))).isEqualTo(Instant.parse("2026-03-30T20:00:00Z"));
        assertThat((String) moved.get("body_markdown")).startsWith("**mandag 30. marts kl. 19.30**");
        assertThat(fixtures.rows("""
                SELECT before_json->>'status' AS before, after_json->>'status' AS after FROM audit_log
                WHERE entity_type = 'announcement' AND entity_id = ? AND action = 'update'""", moved.get("id")))
                .containsExactly(Map.of("before", "approved", "after", "submitted"));
    }

    @Test
    void with_auto_approve_an_event_and_its_change_are_approved_at_once() {
        String feed = feed("ics-url", "/google/auto.ics", Map.of("autoApprove", true));
        String before = fixture("google-musikteatret.ics");
        serveFresh("/google/auto.ics", before);
        importer.run(id(feed), MARCH);

        serveFresh("/google/auto.ics", before.replace("SUMMARY:Forårsjazz: Albertslund Big Band", "SUMMARY:Forårsjazz: Big Band og gæster"));
        importer.run(id(feed), MARCH);

        assertThat(announcements(feed)).extracting(a -> a.get("status")).containsOnly("approved");
        assertThat(announcement(feed, "Forårsjazz: Big Band og gæster").get("uid")).isEqualTo(JAZZ_UID);
    }

    @Test
    void a_cancelled_or_vanished_event_archives_its_announcement() {
        String feed = feed("ics-url", "/google/cancel.ics", Map.of());
        String before = fixture("google-musikteatret.ics");
        serveFresh("/google/cancel.ics", before);
        importer.run(id(feed), MARCH);

        String jazzGone = before.replaceAll("(?s)BEGIN:VEVENT\r\nDTSTART;TZID=Europe/Copenhagen:20260329T193000.*?END:VEVENT\r\n", "");
        String nightCancelled = jazzGone.replace("UID:kulturnat2026@google.com", "UID:kulturnat2026@google.com\r\nSTATUS:CANCELLED");
        serveFresh("/google/cancel.ics", nightCancelled);
        FeedService.ImportResult result = importer.run(id(feed), MARCH);

        assertThat(result.archived()).isEqualTo(2);
        assertThat(announcement(feed, "Forårsjazz: Albertslund Big Band")).containsEntry("status", "archived").containsEntry("uid", null);
        assertThat(announcement(feed, "Kulturnat på Campus")).containsEntry("status", "archived");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM feed_item WHERE feed_id = ?", id(feed)).get(0).get("n")).isEqualTo(3L);
    }

    @Test
    void a_long_import_writes_its_progress_beside_its_own_transaction_and_finishes() {
        String feed = feed("ics-url", "/daily.ics", Map.of("leadTimeDays", 1));
        serveFresh("/daily.ics", String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
                "BEGIN:VEVENT", "UID:lektiecafe-daglig@google.com", "DTSTART;TZID=Europe/Copenhagen:20260321T150000",
                "DTEND;TZID=Europe/Copenhagen:20260321T170000", "RRULE:FREQ=DAILY;COUNT=45", "SUMMARY:Lektiecafé",
                "END:VEVENT", "END:VCALENDAR", ""));

        FeedService.ImportResult result = importer.run(id(feed), MARCH);

        assertThat(result.created()).isEqualTo(45);
        assertThat(fixtures.rows("SELECT import_status, items_processed, items_total FROM feed_source WHERE slug = ?", feed))
                .containsExactly(Map.of("import_status", "ok", "items_processed", 45, "items_total", 45));
    }

    @Test
    void an_unchanged_feed_answers_304_and_nothing_is_read_again() {
        String feed = feed("ics-url", "/google/etag.ics", Map.of());
        server.serve("/google/etag.ics", "text/calendar; charset=utf-8", fixture("google-musikteatret.ics"));

        importer.run(id(feed), MARCH);
        FeedService.ImportResult again = importer.run(id(feed), MARCH);

        assertThat(again).isEqualTo(new FeedService.ImportResult("unchanged", 0, 0, 0, 5, null, null));
        Map<String, Object> row = fixtures.rows("SELECT import_status, etag FROM feed_source WHERE slug = ?", feed).get(0);
        assertThat(row.get("import_status")).isEqualTo("unchanged");
        assertThat(server.ifNoneMatch).contains((String) row.get("etag"));
    }

    @Test
    void a_malformed_calendar_keeps_the_last_good_announcements_and_says_what_when_and_where() {
        String feed = feed("ics-url", "/google/broken.ics", Map.of());
        serveFresh("/google/broken.ics", fixture("google-musikteatret.ics"));
        importer.run(id(feed), MARCH);
        List<Map<String, Object>> good = announcements(feed);

        serveFresh("/google/broken.ics", fixture("malformed.ics"));
        FeedService.ImportResult result = importer.run(id(feed), MARCH.plusSeconds(60));

        assertThat(result.state()).isEqualTo("failed");
        assertThat(result.errorLine()).isEqualTo(9);
        assertThat(announcements(feed)).isEqualTo(good);
        Map<String, Object> view = admin.get("/api/v1/feeds/" + feed).body();
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) view.get("lastImport");
        assertThat(last).containsEntry("state", "failed").containsEntry("errorLine", 9)
                .containsEntry("error", result.error()).containsEntry("failedAt", "2026-03-20T12:01:00Z");
        assertThat(result.error()).startsWith("The calendar file cannot be read");
        Api.Response health = fixtures.signedIn(Role.ADMIN).get("/health");
        @SuppressWarnings("unchecked")
        Map<String, Object> feeds = (Map<String, Object>) ((Map<String, Object>) health.body().get("details")).get("feeds");
        assertThat(feeds).containsEntry("status", "UP");
        @SuppressWarnings("unchecked")
        Map<String, Object> failing = (Map<String, Object>) ((Map<String, Object>) feeds.get("details")).get(feed);
        assertThat(failing).containsEntry("status", "DOWN").containsEntry("line", 9).containsEntry("error", result.error());
    }

    @Test
    void wordpress_rss_items_are_shown_for_the_lead_time_from_publication_with_their_text_made_plain() {
        String feed = feed("rss-url", "/wp/feed", Map.of("leadTimeDays", 14, "template", "{{description}}"));
        serveFresh("/wp/feed", fixture("wordpress-rss.xml"));

        FeedService.ImportResult result = importer.run(id(feed), MARCH);

        assertThat(result.created()).isEqualTo(2);
        Map<String, Object> signup = announcement(feed, "Tilmelding til forårets holdundervisning er åben");
        assertThat(instant(signup.get("publish_from"))).isEqualTo(Instant.parse("2026-03-19T09:30:00Z"));
        assertThat(instant(signup.get("publish_until"))).isEqualTo(Instant.parse("2026-04-02T09:30:00Z"));
        assertThat(signup.get("body_markdown")).isEqualTo("Nu kan du melde dig til guitar, klaver og sammenspil – for børn og unge fra 7 år. Sidste frist er 1. april…");
        assertThat(signup.get("uid")).isEqualTo("https://musikskole.albertslund.dk/?p=1842");
    }

    @Test
    void ghost_atom_entries_bring_their_media_image_to_the_template() {
        String feed = feed("rss-url", "/ghost/rss", Map.of("template", "{{description}} ({{image}})"));
        serveFresh("/ghost/rss", fixture("ghost-atom.xml"));

        importer.run(id(feed), MARCH);

        assertThat(announcement(feed, "Sommerkurser 2026: se programmet").get("body_markdown"))
                .isEqualTo("Kajak, film og e-sport: tilmeld dig inden påske. (https://ungdomsskolen.example.dk/content/images/2026/03/sommer.jpg)");
    }

    @Test
    void malformed_xml_is_refused_with_its_line_and_nothing_changes() {
        String feed = feed("rss-url", "/wp/broken", Map.of());
        serveFresh("/wp/broken", fixture("malformed.xml"));

        FeedService.ImportResult result = importer.run(id(feed), MARCH);

        assertThat(result.state()).isEqualTo("failed");
        assertThat(result.error()).startsWith("The news feed is not well-formed XML");
        assertThat(result.errorLine()).isEqualTo(6);
        assertThat(announcements(feed)).isEmpty();
    }

    @Test
    void a_redirect_to_a_private_address_fails_the_import_with_the_reason() {
        String feed = feed("ics-url", "/redirected.ics", Map.of());
        server.redirect("/redirected.ics", "http://10.0.0.7/calendar.ics");

        FeedService.ImportResult result = importer.run(id(feed), MARCH);

        assertThat(result.error()).isEqualTo("Refused to fetch from 10.0.0.7: 10.0.0.7 is a private address.");
        assertThat(fixtures.rows("SELECT import_status, error_line FROM feed_source WHERE slug = ?", feed).get(0))
                .containsEntry("import_status", "failed").containsEntry("error_line", null);
    }
}
