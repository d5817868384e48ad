package dk.albertslund.signage.feed;

import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.SyndFeedInput;
import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.client.multipart.MultipartBody;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import net.fortuna.ical4j.data.CalendarBuilder;
import net.fortuna.ical4j.model.Calendar;
import net.fortuna.ical4j.model.Component;
import net.fortuna.ical4j.model.Property;
import net.fortuna.ical4j.model.component.VEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedApiTest implements PostgresTest {

    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    Fixtures fixtures;

    private record Place(long id, String slug, String name) {
    }

    private Place institution(Api admin, String name) {
        String slug = fixtures.unique(name.toLowerCase().replaceAll("[^a-z]+", "-"));
        Api.Response created = admin.post("/api/v1/institutions", Map.of("slug", slug, "name", name));
        return new Place(((Number) created.body().get("id")).longValue(), slug, name);
    }

    private static Map<String, Object> command(String slug, Place institution, Object... more) {
        Map<String, Object> command = new HashMap<>(Map.of("slug", slug, "name", "Kalender", "kind", "ics-file",
                "institution", institution.slug()));
        for (int i = 0; i < more.length; i += 2) {
            command.put((String) more[i], more[i + 1]);
        }
        return command;
    }

    /** A calendar with one event starting two hours from now, as an Apple export would have it. */
    private static String calendarStartingSoon(String uid, String title) {
        Instant start = Instant.now().plus(2, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES);
        return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Apple Inc.//macOS 15.3//EN",
                "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:" + UTC.format(Instant.now()), "DTSTART:" + UTC.format(start),
                "DTEND:" + UTC.format(start.plus(2, ChronoUnit.HOURS)), "SUMMARY:" + title,
                "DESCRIPTION:Gratis adgang for alle unge.", "LOCATION:Forbrændingen", "END:VEVENT", "END:VCALENDAR", "");
    }

    private static Api.Response upload(Api api, String feed, String text) {
        MultipartBody body = MultipartBody.builder()
                .addPart("file", "kalender.ics", MediaType.of("text/calendar"), text.getBytes(StandardCharsets.UTF_8)).build();
        return api.send(HttpRequest.POST("/api/v1/feeds/" + feed + "/file", body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE));
    }

    /** An auto-approving feed of {@code venue} with one event two hours from now, imported. */
    private void importedAutoApproved(Api admin, Place venue, String uid, String title, Object... settings) {
        String feed = fixtures.unique("auto");
        Object[] all = java.util.stream.Stream.concat(java.util.stream.Stream.of("autoApprove", true),
                java.util.Arrays.stream(settings)).toArray();
        admin.post("/api/v1/feeds", command(feed, venue, all));
        upload(admin, feed, calendarStartingSoon(uid, title));
        assertThat(admin.post("/api/v1/feeds/" + feed + "/import", Map.of()).body()).containsEntry("created", 1);
    }

    @Test
    void a_feed_created_without_a_slug_gets_one_from_its_name() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place library = institution(admin, "Albertslund Bibliotek");
        String name = "Bibliotekets kalender " + fixtures.unique("");
        String expected = Slugs.fromName(name, "feed");
        Map<String, Object> body = command("x", library, "name", name);
        body.remove("slug");

        Api.Response first = admin.post("/api/v1/feeds", body);
        Api.Response second = admin.post("/api/v1/feeds", body);

        assertThat(first.status()).isEqualTo(201);
        assertThat(first.body()).containsEntry("slug", expected);
        assertThat(first.headers().get("Location")).isEqualTo("/api/v1/feeds/" + expected);
        assertThat(second.status()).isEqualTo(201);
        assertThat(second.body()).containsEntry("slug", expected + "-2");
    }

    @Test
    void bad_input_names_every_field_that_is_wrong_and_a_template_error_says_where() {
        Api admin = fixtures.signedIn(Role.ADMIN);

        Api.Response response = admin.post("/api/v1/feeds", Map.of("slug", "Not A Slug", "kind", "ics-url", "url", "file:///etc/passwd",
                "category", "sport", "template", "{{#if venue}}at {{venue}}", "leadTimeDays", 400, "refreshMinutes", 1));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("slug", "name", "institution", "url", "category", "template",
                "leadTimeDays", "refreshMinutes");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) response.body().get("errors");
        assertThat((String) errors.get(5).get("message")).startsWith("is not a valid Handlebars template (line 1: ")
                .endsWith("it may use " + ItemTemplate.FIELDS);
    }

    @Test
    void an_editor_manages_only_the_feeds_of_their_institution_and_may_not_skip_approval() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place library = institution(admin, "Albertslund Bibliotek");
        Place venue = institution(admin, "Forbrændingen");
        Api editor = fixtures.signedIn(Role.EDITOR, library.id());

        Api.Response foreign = editor.post("/api/v1/feeds", command(fixtures.unique("feed"), venue));
        Api.Response skipping = editor.post("/api/v1/feeds", command(fixtures.unique("feed"), library, "autoApprove", true));
        Api.Response own = editor.post("/api/v1/feeds", command(fixtures.unique("feed"), library));

        assertThat(foreign.status()).isEqualTo(403);
        assertThat(foreign.body()).containsEntry("detail", "You may not manage the feeds of Forbrændingen.");
        assertThat(skipping.status()).isEqualTo(403);
        assertThat(skipping.body()).containsEntry("detail", "Only approvers may let a feed publish without approval.");
        assertThat(own.status()).isEqualTo(201);
        assertThat(own.headers().get("Location")).isEqualTo("/api/v1/feeds/" + own.body().get("slug"));
        assertThat(fixtures.signedIn(Role.EDITOR, venue.id()).get("/api/v1/feeds/" + own.body().get("slug")).status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT action FROM audit_log WHERE entity_type = 'feed' AND entity_id = ?",
                own.body().get("id"))).containsExactly(Map.of("action", "create"));
    }

    @Test
    void each_feed_has_its_own_import_trigger_at_its_interval_until_it_is_deleted() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place library = institution(admin, "Albertslund Bibliotek");
        String feed = fixtures.unique("feed");
        long id = ((Number) admin.post("/api/v1/feeds", command(feed, library)).body().get("id")).longValue();
        String triggers = """
                SELECT s.repeat_interval FROM qrtz_triggers t JOIN qrtz_simple_triggers s USING (sched_name, trigger_name, trigger_group)
                WHERE t.trigger_group = 'feed-import' AND t.trigger_name = ? AND t.job_name = 'feed-import'""";

        List<Map<String, Object>> hourly = fixtures.rows(triggers, "feed-" + id);
        admin.put("/api/v1/feeds/" + feed, Map.of("refreshMinutes", 15));
        List<Map<String, Object>> quarterly = fixtures.rows(triggers, "feed-" + id);
        Api.Response deleted = admin.delete("/api/v1/feeds/" + feed);

        assertThat(hourly).containsExactly(Map.of("repeat_interval", 3_600_000L));
        assertThat(quarterly).containsExactly(Map.of("repeat_interval", 900_000L));
        assertThat(deleted.status()).isEqualTo(204);
        assertThat(fixtures.rows(triggers, "feed-" + id)).isEmpty();
    }

    @Test
    void an_uploaded_calendar_is_imported_now_and_the_feed_shows_how_it_went() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place venue = institution(admin, "Forbrændingen");
        Api editor = fixtures.signedIn(Role.EDITOR, venue.id());
        String feed = fixtures.unique("forbraendingen");
        editor.post("/api/v1/feeds", command(feed, venue, "language", "en"));

        Api.Response uploaded = upload(editor, feed, calendarStartingSoon("koncert-1@forbraendingen.dk", "Koncert: Ungdomsband"));
        Api.Response imported = editor.post("/api/v1/feeds/" + feed + "/import", Map.of());
        Api.Response read = editor.get("/api/v1/feeds/" + feed);

        assertThat(uploaded.status()).isEqualTo(200);
        assertThat(imported.body()).containsEntry("state", "ok").containsEntry("created", 1).containsEntry("archived", 0);
        @SuppressWarnings("unchecked")
        Map<String, Object> last = (Map<String, Object>) read.body().get("lastImport");
        assertThat(last).containsEntry("state", "ok").containsEntry("processed", 1).containsEntry("total", 1)
                .containsEntry("error", null);
        Map<String, Object> row = fixtures.rows("""
                SELECT a.title, a.status, a.language, a.category, a.created_by, a.body_html FROM announcement a
                JOIN feed_item i ON i.announcement_id = a.id WHERE i.uid = 'koncert-1@forbraendingen.dk'""").get(0);
        assertThat(row).containsEntry("title", "Koncert: Ungdomsband").containsEntry("status", "submitted")
                .containsEntry("language", "en").containsEntry("category", "culture").containsEntry("created_by", "feed:" + feed);
        // the marker survives Markdown and sanitising, for the manifest to put into words
        assertThat((String) row.get("body_html")).contains("[[starts-in ");
    }

    @Test
    void a_file_that_is_not_a_calendar_is_refused_on_the_file_field() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place venue = institution(admin, "Musikskolen");
        String feed = fixtures.unique("musikskolen");
        admin.post("/api/v1/feeds", command(feed, venue));

        Api.Response response = upload(admin, feed, "<html>not a calendar</html>");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("file");
    }

    @Test
    void a_broken_calendar_upload_is_refused_and_the_stored_file_and_its_events_stay() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place venue = institution(admin, "Forbrændingen");
        String feed = fixtures.unique("broken-upload");
        admin.post("/api/v1/feeds", command(feed, venue));
        upload(admin, feed, calendarStartingSoon("god@forbraendingen.dk", "Koncert: God"));
        assertThat(admin.post("/api/v1/feeds/" + feed + "/import", Map.of()).body()).containsEntry("created", 1);
        // begins like a calendar, but an event has no start
        String broken = String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//x//EN", "BEGIN:VEVENT",
                "UID:odelagt@forbraendingen.dk", "DTSTAMP:20260101T000000Z", "SUMMARY:Ødelagt", "END:VEVENT", "END:VCALENDAR", "");

        Api.Response response = upload(admin, feed, broken);
        Api.Response again = admin.post("/api/v1/feeds/" + feed + "/import", Map.of());

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.errorFields()).containsExactly("file");
        assertThat(again.body()).containsEntry("state", "unchanged".equals(again.body().get("state")) ? "unchanged" : "ok")
                .containsEntry("archived", 0);
        assertThat(fixtures.rows("SELECT i.uid FROM feed_item i JOIN announcement a ON a.id = i.announcement_id "
                + "WHERE i.uid = 'god@forbraendingen.dk' AND a.status <> 'archived'")).hasSize(1);
    }

    @Test
    void approved_current_announcements_are_published_as_ics_rss_and_json_with_an_etag_that_changes_with_content() throws Exception {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place venue = institution(admin, "Forbrændingen");
        importedAutoApproved(admin, venue, "natkoncert@forbraendingen.dk", "Natkoncert", "template", "{{description}} {{startsIn}}");
        Api anonymous = fixtures.anonymous();

        Api.Response ics = anonymous.get("/feeds/institution/" + venue.slug() + ".ics");
        Api.Response rss = anonymous.get("/feeds/institution/" + venue.slug() + ".rss");
        Api.Response json = anonymous.get("/feeds/category/culture.json");
        Api.Response again = anonymous.send(HttpRequest.GET("/feeds/institution/" + venue.slug() + ".ics")
                .header("If-None-Match", ics.headers().get("ETag")));

        assertThat(ics.status()).isEqualTo(200);
        assertThat(ics.contentType()).startsWith("text/calendar");
        Calendar calendar = new CalendarBuilder().build(new StringReader(ics.text()));
        List<VEvent> events = calendar.getComponents(Component.VEVENT);
        assertThat(events).hasSize(1);
        assertThat(events.get(0).getProperty(Property.SUMMARY).orElseThrow().getValue()).isEqualTo("Natkoncert");
        assertThat(events.get(0).getProperty(Property.DESCRIPTION).orElseThrow().getValue())
                .matches("Gratis adgang for alle unge\\. starter \\d+\\. \\p{L}+ kl\\. \\d\\d\\.\\d\\d");
        SyndFeed parsed = new SyndFeedInput().build(new StringReader(rss.text()));
        assertThat(parsed.getTitle()).isEqualTo("Forbrændingen");
        assertThat(parsed.getEntries()).extracting(e -> e.getTitle()).containsExactly("Natkoncert");
        assertThat(json.items()).extracting(i -> i.get("title")).contains("Natkoncert");
        // a one-language message writes every field as the other API views do, translations included
        assertThat(json.items()).filteredOn(i -> "Natkoncert".equals(i.get("title"))).singleElement()
                .satisfies(item -> assertThat(item).containsEntry("translations", List.of()).containsKeys("publishUntil", "image"));
        assertThat(again.status()).isEqualTo(304);

        String slug = (String) fixtures.rows("SELECT a.slug FROM announcement a JOIN feed_item i ON i.announcement_id = a.id "
                + "WHERE i.uid = 'natkoncert@forbraendingen.dk'").get(0).get("slug");
        admin.post("/api/v1/announcements/" + slug + "/archive", Map.of());
        Api.Response afterArchive = anonymous.send(HttpRequest.GET("/feeds/institution/" + venue.slug() + ".ics")
                .header("If-None-Match", ics.headers().get("ETag")));

        assertThat(afterArchive.status()).isEqualTo(200);
        assertThat(afterArchive.text()).doesNotContain("Natkoncert");
    }

    @Test
    void a_screen_group_feed_has_what_its_playlists_select_and_unknown_names_are_404() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place venue = institution(admin, "Musikteatret");
        importedAutoApproved(admin, venue, "ungdom@musikteatret.dk", "Ungdomsaften", "category", "youth");
        String group = fixtures.unique("station");
        admin.post("/api/v1/screen-groups", Map.of("slug", group, "name", "Stationen"));
        String playlist = fixtures.unique("youth");
        admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Ungdom",
                "rule", Map.of("categories", List.of("youth"), "institutions", List.of(venue.slug()))));
        Api.Response entry = admin.post("/api/v1/schedule-entries", Map.of("slug", fixtures.unique("entry"), "playlist", playlist,
                "targetKind", "group", "target", group, "startTime", "00:00", "endTime", "00:00"));
        assertThat(entry.status()).as(entry.text()).isEqualTo(201);

        Api.Response json = fixtures.anonymous().get("/feeds/group/" + group + ".json");

        assertThat(json.status()).isEqualTo(200);
        assertThat(json.items()).extracting(i -> i.get("title")).containsExactly("Ungdomsaften");
        assertThat(fixtures.anonymous().get("/feeds/group/no-such-group.json").status()).isEqualTo(404);
        assertThat(fixtures.anonymous().get("/feeds/category/sport.rss").status()).isEqualTo(404);
        assertThat(fixtures.anonymous().get("/feeds/institution/" + venue.slug() + ".pdf").status()).isEqualTo(404);
    }

    @Test
    void a_message_in_two_languages_is_one_item_of_the_outward_feed_with_its_english_words() {
        Api admin = fixtures.signedIn(Role.ADMIN);
        Place venue = institution(admin, "Forbrændingen");
        String slug = fixtures.unique("koncert");
        assertThat(admin.post("/api/v1/announcements", Map.of("slug", slug, "institution", venue.slug(), "title", "Koncert fredag",
                "body", "Fri **entré**.", "language", "da", "category", "culture", "translations",
                List.of(Map.of("language", "en", "title", "Concert on Friday", "body", "Free **entry**."))))
                .status()).isEqualTo(201);
        admin.post("/api/v1/announcements/" + slug + "/submit", Map.of());
        fixtures.approve(slug);

        Api.Response json = fixtures.anonymous().get("/feeds/institution/" + venue.slug() + ".json");

        assertThat(json.items()).extracting(i -> i.get("title")).containsExactly("Koncert fredag");
        assertThat(json.items().get(0).get("translations")).isEqualTo(List.of(Map.of("language", "en", "title", "Concert on Friday",
                "text", "Free entry.", "html", "<p>Free <strong>entry</strong>.</p>")));
    }
}
