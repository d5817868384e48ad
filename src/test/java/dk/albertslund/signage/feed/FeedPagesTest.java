package dk.albertslund.signage.feed;

import dk.albertslund.signage.core.Slugs;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static dk.albertslund.signage.feed.IcsParserTest.fixture;
import static org.assertj.core.api.Assertions.assertThat;

/** The feed pages over a real socket, with calendars served over real HTTP on 127.0.0.1. */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedPagesTest implements PostgresTest {

    private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

    @Inject
    Fixtures fixtures;
    @Inject
    FeedImportStatus importStatus;

    private final FeedServer server;

    FeedPagesTest() throws IOException {
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

    private record Place(long id, String slug) {
    }

    private Place institution(String name) {
        String slug = fixtures.unique(name.toLowerCase());
        Api.Response created = fixtures.signedIn(Role.ADMIN).post("/api/v1/institutions", Map.of("slug", slug, "name", name));
        assertThat(created.status()).isEqualTo(201);
        return new Place(((Number) created.body().get("id")).longValue(), slug);
    }

    /** A feed of the institution made through the API, fetched from {@code path} on the test server. */
    private String feed(Place institution, String path) {
        String slug = fixtures.unique("feed");
        Api.Response created = fixtures.signedIn(Role.ADMIN).post("/api/v1/feeds", Map.of("slug", slug, "name", "Musikteatrets kalender",
                "kind", "ics-url", "url", server.url(path), "institution", institution.slug()));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return slug;
    }

    /** What the new-feed form sends when filled in, with these fields changed. */
    private Map<String, Object> form(Place institution, String slug, Object... changes) {
        Map<String, Object> fields = new HashMap<>(Map.of("slug", slug, "name", "Bibliotekets arrangementer", "kind", "ics-url",
                "url", server.url("/bibliotek.ics"), "institution", institution.slug(), "category", "culture", "language", "da",
                "template", ItemTemplate.DEFAULT, "leadTimeDays", "7", "showUntil", "start"));
        fields.putAll(Map.of("refreshMinutes", "60", "durationSeconds", "10"));
        for (int i = 0; i < changes.length; i += 2) {
            fields.put((String) changes[i], changes[i + 1]);
        }
        return fields;
    }

    private void serveFresh(String path, String text) {
        server.serveFresh(path, text);
    }

    private long id(String feed) {
        return ((Number) fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", feed).get(0).get("id")).longValue();
    }

    /** A calendar with two concerts in the coming days, so they fall inside the lead time whenever the test runs. */
    private static String comingConcerts() {
        Instant soon = Instant.now().truncatedTo(ChronoUnit.HOURS).plus(3, ChronoUnit.DAYS);
        return calendar(event("vinter-1@example.org", "Vinterkoncert: Campuskoret", soon),
                event("jazz-2@example.org", "Jazz i foyeren", soon.plus(2, ChronoUnit.DAYS)));
    }

    static String calendar(String... events) {
        return String.join("\r\n", "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
                String.join("\r\n", events), "END:VCALENDAR", "");
    }

    /** A two-hour event at Musikteatret. */
    static String event(String uid, String title, Instant start) {
        return String.join("\r\n", "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20261101T100000Z", "DTSTART:" + ICS_UTC.format(start),
                "DTEND:" + ICS_UTC.format(start.plus(2, ChronoUnit.HOURS)), "SUMMARY:" + title, "LOCATION:Musikteatret",
                "END:VEVENT");
    }

    @Test
    void the_feed_pages_send_someone_not_signed_in_to_the_sign_in_page() {
        WebClient.Page page = fixtures.browser().get("/admin/feeds");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
    }

    @Test
    void an_editor_sees_the_feeds_of_their_own_institution_and_not_anothers() {
        Place library = institution("Biblioteket");
        Place theatre = institution("Musikteatret");
        String ours = feed(library, "/ours.ics");
        String theirs = feed(theatre, "/theirs.ics");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");

        WebClient.Page list = editor.get("/admin/feeds");
        WebClient.Page own = editor.get("/admin/feeds/" + ours);
        WebClient.Page other = editor.get("/admin/feeds/" + theirs);
        WebClient.Page otherImport = editor.submit("/admin/feeds/" + theirs + "/import", Map.of());

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.document().select("tbody tr").eachAttr("data-feed")).containsExactly(ours);
        assertThat(list.document().select("tr[data-feed=" + ours + "] > *").eachText().subList(0, 6)).containsExactly(
                "Musikteatrets kalender", "Calendar on the web (iCalendar address)", "Biblioteket", "–", "Not imported yet", "0");
        assertThat(list.document().select("a[href=/admin/feeds/new]")).hasSize(1);
        assertThat(own.status()).isEqualTo(200);
        assertThat(own.text("h1")).isEqualTo("Musikteatrets kalender");
        assertThat(own.document().select("#import-now")).hasSize(1);
        assertThat(other.status()).isEqualTo(403);
        assertThat(other.text("#error-detail")).isEqualTo("You may not see the feeds of Musikteatret.");
        assertThat(otherImport.status()).isEqualTo(403);
        assertThat(otherImport.text("#error-detail")).isEqualTo("You may not manage the feeds of Musikteatret.");
    }

    private static String nextRunText(WebClient.Page list, String feed) {
        List<Element> cells = list.document().select("tr[data-feed=" + feed + "] td");
        return cells.get(cells.size() - 1).text();
    }

    @Test
    void the_list_says_when_each_feed_is_imported_next() {
        Place library = institution("Biblioteket");
        String feed = feed(library, "/next.ics");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("da");

        String nextRun = nextRunText(editor.get("/admin/feeds"), feed);

        // the feed's own trigger runs one refresh interval (60 min) after it was set up
        assertThat(nextRun).matches("\\d{1,2}\\. [a-zæøå]{3}\\.? \\d{4} kl\\. \\d{2}\\.\\d{2}");
    }

    @Test
    void a_viewer_is_refused_a_feeds_page_and_the_new_feed_form() {
        Place library = institution("Biblioteket");
        String feed = feed(library, "/viewer.ics");
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("en");

        WebClient.Page list = viewer.get("/admin/feeds");

        assertThat(list.status()).isEqualTo(200);
        assertThat(list.text("main p.empty")).isEqualTo("No feeds yet.");
        assertThat(list.document().select("a[href=/admin/feeds/new]")).isEmpty();
        assertThat(viewer.get("/admin/feeds/" + feed).status()).isEqualTo(403);
        assertThat(viewer.get("/admin/feeds/new").status()).isEqualTo(403);
    }

    @Test
    void an_approver_may_read_a_feeds_page_but_is_offered_nothing_to_change() {
        Place library = institution("Biblioteket");
        String feed = feed(library, "/approver.ics");
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("en");

        WebClient.Page page = approver.get("/admin/feeds/" + feed);

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.document().select("form.feed-form, #import-now, a[href$=/delete]")).isEmpty();
        assertThat(approver.get("/admin/feeds/" + feed + "/delete").status()).isEqualTo(403);
    }

    @Test
    void a_new_feed_is_created_from_the_form_and_its_page_says_so() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");
        String slug = fixtures.unique("bibliotek");
        assertThat(editor.get("/admin/feeds/new").document().selectFirst("#institution option[selected]").attr("value"))
                .isEqualTo(library.slug());

        WebClient.Page created = editor.submitMultipart("/admin/feeds/new", form(library, slug, "leadTimeDays", "3"),
                Map.of("file", new WebClient.FilePart("", "application/octet-stream", new byte[0])));

        assertThat(created.status()).as(created.html()).isEqualTo(303);
        assertThat(created.location()).hasValue("/admin/feeds/" + slug + "?notice=feeds.created");
        WebClient.Page page = editor.get(created.location().orElseThrow());
        assertThat(page.text("[role=status]")).isEqualTo("The feed has been added. Import it now, or wait for its first import.");
        assertThat(page.text("#import-state")).isEqualTo("Not imported yet");
        assertThat(page.document().selectFirst("#leadTimeDays").attr("value")).isEqualTo("3");
        assertThat(fixtures.rows("SELECT name, url, lead_time_days, auto_approve FROM feed_source WHERE slug = ?", slug))
                .containsExactly(Map.of("name", "Bibliotekets arrangementer", "url", server.url("/bibliotek.ics"),
                        "lead_time_days", 3, "auto_approve", false));
    }

    @Test
    void a_feed_named_alone_gets_its_address_from_the_name_and_a_second_one_the_next_free() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("da");
        WebClient.Page form = editor.get("/admin/feeds/new");
        assertThat(form.document().selectFirst("#name").elementSiblingIndex())
                .isLessThan(form.document().selectFirst("#slug-advanced").elementSiblingIndex());
        assertThat(form.document().selectFirst("#slug-advanced").hasAttr("open")).isFalse();
        assertThat(form.document().selectFirst("#slug").hasAttr("required")).isFalse();
        String name = "Bibliotekets børnekalender " + fixtures.unique("");
        String expected = Slugs.fromName(name, "feed");
        assertThat(expected).startsWith("bibliotekets-boernekalender-");

        WebClient.Page first = editor.submitMultipart("/admin/feeds/new", form(library, "", "name", name), Map.of());
        WebClient.Page second = editor.submitMultipart("/admin/feeds/new", form(library, "", "name", name), Map.of());

        assertThat(first.status()).as(first.html()).isEqualTo(303);
        assertThat(first.location()).hasValue("/admin/feeds/" + expected + "?notice=feeds.created");
        assertThat(second.location()).hasValue("/admin/feeds/" + expected + "-2?notice=feeds.created");
        assertThat(fixtures.rows("SELECT name FROM feed_source WHERE slug = ?", expected + "-2")).containsExactly(Map.of("name", name));
        WebClient.Page page = editor.get("/admin/feeds/" + expected);
        assertThat(page.document().selectFirst("#slug").attr("value")).isEqualTo(expected);
        assertThat(page.document().selectFirst("#slug").hasAttr("readonly")).isTrue();
        assertThat(page.document().selectFirst("#slug").hasAttr("name")).isFalse();
    }

    @Test
    void a_bad_slug_asked_for_opens_advanced_and_a_changed_feed_keeps_its_address() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");
        String slug = fixtures.unique("bibliotek");
        editor.get("/admin/feeds/new");

        WebClient.Page refused = editor.submitMultipart("/admin/feeds/new", form(library, "Not A Slug"), Map.of());
        WebClient.Page created = editor.submitMultipart("/admin/feeds/new", form(library, slug), Map.of());
        WebClient.Page saved = editor.submitMultipart("/admin/feeds/" + slug,
                form(library, "another-" + slug, "name", "Bibliotekets kalender"), Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#slug-error")).startsWith("must");
        assertThat(refused.document().selectFirst("#slug-advanced").hasAttr("open")).isTrue();
        assertThat(refused.document().selectFirst("#slug").attr("value")).isEqualTo("Not A Slug");
        assertThat(created.status()).isEqualTo(303);
        assertThat(saved.status()).as(saved.html()).isEqualTo(303);
        assertThat(saved.location()).hasValue("/admin/feeds/" + slug + "?notice=saved");
        assertThat(fixtures.rows("SELECT name FROM feed_source WHERE slug = ?", slug)).containsExactly(Map.of("name", "Bibliotekets kalender"));
    }

    @Test
    void a_person_at_several_institutions_chooses_the_feeds_institution_and_is_told_when_they_did_not() {
        Place library = institution("Biblioteket");
        Place theatre = institution("Musikteatret");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id(), theatre.id()).language("da");
        String slug = fixtures.unique("bibliotek");

        WebClient.Page form = editor.get("/admin/feeds/new");
        assertThat(form.document().select("#institution option[selected]")).extracting(e -> e.attr("value"), Element::text)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("", "Vælg institution"));
        assertThat(form.document().selectFirst("#institution").hasAttr("required")).isTrue();

        WebClient.Page page = editor.submitMultipart("/admin/feeds/new", form(library, slug, "institution", ""), Map.of());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#institution-error")).isEqualTo("vælg den institution, kalenderen eller nyhedsfeedet hører til");
        assertThat(page.document().selectFirst("#institution").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().select(".field-error")).hasSize(1);
        assertThat(fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", slug)).isEmpty();
    }

    @Test
    void the_template_waits_behind_advanced_with_the_standard_text_shown_and_opens_when_it_is_wrong() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");

        WebClient.Page form = editor.get("/admin/feeds/new");
        Element advanced = form.document().selectFirst("details#template-advanced");
        assertThat(advanced).isNotNull();
        assertThat(advanced.hasAttr("open")).isFalse();
        assertThat(advanced.selectFirst("summary").text()).isEqualTo("Advanced");
        assertThat(advanced.select("#template")).hasSize(1);
        assertThat(advanced.selectFirst("#template-default pre").wholeText()).isEqualTo(ItemTemplate.DEFAULT.strip());

        WebClient.Page wrong = editor.submitMultipart("/admin/feeds/new",
                form(library, fixtures.unique("bibliotek"), "template", "{{#if when}}"), Map.of());
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(wrong.document().selectFirst("details#template-advanced").hasAttr("open")).isTrue();
    }

    @Test
    void a_bad_address_is_shown_beside_the_address_field_with_everything_typed_kept() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("da");
        String slug = fixtures.unique("bibliotek");

        WebClient.Page page = editor.submitMultipart("/admin/feeds/new",
                form(library, slug, "url", "ftp://bibliotek.example/kalender.ics", "name", "Bibliotekets kalender"), Map.of());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#url-error")).isEqualTo("skal være en http- eller https-adresse");
        assertThat(page.document().selectFirst("#url").attr("aria-invalid")).isEqualTo("true");
        assertThat(page.document().selectFirst("#url").attr("value")).isEqualTo("ftp://bibliotek.example/kalender.ics");
        assertThat(page.document().selectFirst("#name").attr("value")).isEqualTo("Bibliotekets kalender");
        assertThat(page.document().select(".field-error")).hasSize(1);
        assertThat(fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", slug)).isEmpty();
    }

    @Test
    void a_template_that_does_not_compile_is_shown_with_its_line() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");

        WebClient.Page page = editor.submitMultipart("/admin/feeds/new",
                form(library, fixtures.unique("bibliotek"), "template", "**{{when}}**\n\n{{#if venue}}{{venue}}"), Map.of());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#template-error")).startsWith("is not a valid Handlebars template (line 3:")
                .endsWith("it may use " + ItemTemplate.FIELDS);
        assertThat(page.document().selectFirst("#template").val()).isEqualTo("**{{when}}**\n\n{{#if venue}}{{venue}}");
    }

    @Test
    void an_editor_is_shown_auto_approve_switched_off_and_cannot_switch_it_on() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");
        String slug = fixtures.unique("bibliotek");

        Element checkbox = editor.get("/admin/feeds/new").document().selectFirst("#autoApprove");
        WebClient.Page forged = editor.submitMultipart("/admin/feeds/new",
                form(library, slug, "autoApprove", "true", "autoApproveOffered", "true"), Map.of());

        assertThat(checkbox.hasAttr("disabled")).isTrue();
        assertThat(forged.status()).isEqualTo(403);
        assertThat(forged.text("#error-detail")).isEqualTo("Only approvers may let a feed publish without approval.");
        assertThat(fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", slug)).isEmpty();
    }

    @Test
    void an_admin_may_switch_auto_approve_on_and_off_again() {
        Place library = institution("Biblioteket");
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        String slug = fixtures.unique("bibliotek");
        WebClient.Page created = admin.submitMultipart("/admin/feeds/new", form(library, slug, "autoApprove", "true", "autoApproveOffered", "true"), Map.of());
        assertThat(created.status()).isEqualTo(303);
        assertThat(admin.get("/admin/feeds/" + slug).document().selectFirst("#autoApprove").hasAttr("checked")).isTrue();

        WebClient.Page saved = admin.submitMultipart("/admin/feeds/" + slug, form(library, slug, "autoApproveOffered", "true"), Map.of());

        assertThat(saved.status()).isEqualTo(303);
        assertThat(saved.location()).hasValue("/admin/feeds/" + slug + "?notice=saved");
        assertThat(fixtures.rows("SELECT auto_approve FROM feed_source WHERE slug = ?", slug)).containsExactly(Map.of("auto_approve", false));
    }

    @Test
    void a_feed_form_with_a_file_and_no_csrf_token_creates_nothing() {
        Place library = institution("Biblioteket");
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("en");
        String slug = fixtures.unique("bibliotek");

        WebClient.Page forged = admin.submitMultipart("/admin/feeds/new", form(library, slug, "csrfToken", ""), Map.of());

        assertThat(forged.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", slug)).isEmpty();
    }

    @Test
    void a_form_without_its_csrf_token_changes_nothing() {
        Place library = institution("Biblioteket");
        String feed = feed(library, "/csrf.ics");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");

        WebClient.Page imported = editor.post("/admin/feeds/" + feed + "/import", Map.of("csrfToken", "forged"));
        WebClient.Page deleted = editor.post("/admin/feeds/" + feed + "/delete", Map.of("csrfToken", ""));

        assertThat(imported.status()).isEqualTo(403);
        assertThat(deleted.status()).isEqualTo(403);
        assertThat(fixtures.rows("SELECT import_status FROM feed_source WHERE slug = ?", feed)).containsExactly(Map.of("import_status", "never"));
    }

    @Test
    void import_now_shows_the_announcements_the_calendar_made() {
        Place theatre = institution("Musikteatret");
        String feed = feed(theatre, "/musikteatret.ics");
        serveFresh("/musikteatret.ics", comingConcerts());
        WebClient editor = fixtures.browserAs(Role.EDITOR, theatre.id()).language("en");

        WebClient.Page imported = editor.submit("/admin/feeds/" + feed + "/import", Map.of());

        assertThat(imported.status()).isEqualTo(303);
        assertThat(imported.location()).hasValue("/admin/feeds/" + feed + "?notice=feeds.imported");
        WebClient.Page page = editor.get(imported.location().orElseThrow());
        assertThat(page.text("[role=status]")).isEqualTo("The feed has been imported.");
        assertThat(page.text("#import-state")).isEqualTo("OK");
        assertThat(page.text("#item-count")).isEqualTo("2");
        assertThat(page.document().select("#import-error")).isEmpty();
        List<Map<String, Object>> made = fixtures.rows(
                "SELECT a.slug, a.title FROM announcement a JOIN feed_item i ON i.announcement_id = a.id JOIN feed_source f ON f.id = i.feed_id "
                        + "WHERE f.slug = ? ORDER BY i.starts_at", feed);
        assertThat(page.document().select("#made tbody th a")).extracting(Element::text, e -> e.attr("href")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Vinterkoncert: Campuskoret", "/admin/announcements/" + made.get(0).get("slug") + "/edit"),
                org.assertj.core.groups.Tuple.tuple("Jazz i foyeren", "/admin/announcements/" + made.get(1).get("slug") + "/edit"));
        assertThat(page.document().select("#made tbody td:nth-of-type(2)").eachText()).containsOnly("Awaiting approval");
    }

    @Test
    void a_malformed_calendar_shows_what_failed_when_and_on_which_line() {
        Place theatre = institution("Musikteatret");
        String feed = feed(theatre, "/broken.ics");
        serveFresh("/broken.ics", fixture("malformed.ics"));
        WebClient editor = fixtures.browserAs(Role.EDITOR, theatre.id()).language("en");

        WebClient.Page imported = editor.submit("/admin/feeds/" + feed + "/import", Map.of());
        WebClient.Page page = editor.get(imported.location().orElseThrow());

        assertThat(imported.location()).hasValue("/admin/feeds/" + feed + "?alert=feeds.importFailed");
        assertThat(page.document().select(".notice[role=status]")).as("a failure is never announced as a success").isEmpty();
        assertThat(page.document().select("#alert.alert[role=alert]").text()).isEqualTo("The import failed; see why below.");
        assertThat(page.text("#import-state")).isEqualTo("Failed");
        assertThat(page.text("#import-error-message")).startsWith("The calendar file cannot be read");
        assertThat(page.text("#import-error-line")).isEqualTo("At line 9 of the file.");
        assertThat(page.text("#import-error strong")).matches("The last import failed \\d{1,2} [A-Z][a-z]{2} \\d{4}, \\d{2}:\\d{2}\\.");
        assertThat(editor.get("/admin/feeds").text("tr[data-feed=" + feed + "] .badge")).isEqualTo("Failed");
    }

    @Test
    void a_calendar_file_comes_with_the_new_feed_form_and_a_file_that_is_not_a_calendar_creates_nothing() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");
        String good = fixtures.unique("fil");
        String bad = fixtures.unique("fil");
        byte[] calendar = comingConcerts().getBytes(StandardCharsets.UTF_8);

        WebClient.Page refused = editor.submitMultipart("/admin/feeds/new", form(library, bad, "kind", "ics-file", "url", ""),
                Map.of("file", new WebClient.FilePart("program.pdf", "application/pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8))));
        WebClient.Page created = editor.submitMultipart("/admin/feeds/new", form(library, good, "kind", "ics-file", "url", ""),
                Map.of("file", new WebClient.FilePart("program.ics", "text/calendar", calendar)));
        WebClient.Page imported = editor.submit("/admin/feeds/" + good + "/import", Map.of());

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.text("#file-error")).isEqualTo("is not an iCalendar (.ics) file: it must start with BEGIN:VCALENDAR");
        assertThat(refused.document().selectFirst("input[name=kind][checked]").attr("value")).isEqualTo("ics-file");
        assertThat(fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", bad)).isEmpty();
        assertThat(created.status()).isEqualTo(303);
        assertThat(imported.location()).hasValue("/admin/feeds/" + good + "?notice=feeds.imported");
        WebClient.Page page = editor.get("/admin/feeds/" + good);
        assertThat(page.text("#file-hint")).startsWith("A file of " + calendar.length + " bytes is stored.");
        assertThat(page.document().select("#made tbody tr")).hasSize(2);
    }

    @Test
    void the_import_state_is_there_for_the_page_script_to_follow() {
        Place theatre = institution("Musikteatret");
        String feed = feed(theatre, "/state.ics");
        WebClient editor = fixtures.browserAs(Role.EDITOR, theatre.id());

        WebClient.Page state = editor.get("/admin/feeds/" + feed + "/import-state");

        assertThat(state.status()).isEqualTo(200);
        assertThat(state.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
        assertThat(state.html()).contains("\"state\":\"never\"").contains("\"processed\":0").contains("\"total\":0");
        assertThat(fixtures.browserAs(Role.EDITOR, institution("Andet").id()).get("/admin/feeds/" + feed + "/import-state").status())
                .isEqualTo(403);
    }

    @Test
    void a_feed_is_deleted_after_confirming_and_its_announcements_stay() {
        Place theatre = institution("Musikteatret");
        String feed = feed(theatre, "/delete.ics");
        serveFresh("/delete.ics", comingConcerts());
        WebClient editor = fixtures.browserAs(Role.EDITOR, theatre.id()).language("en");
        editor.submit("/admin/feeds/" + feed + "/import", Map.of());
        long feedId = id(feed);

        WebClient.Page confirm = editor.get("/admin/feeds/" + feed + "/delete");
        WebClient.Page deleted = editor.submit("/admin/feeds/" + feed + "/delete", Map.of());

        assertThat(confirm.text("h1")).isEqualTo("Delete Musikteatrets kalender?");
        assertThat(confirm.text("main p")).startsWith("The feed is deleted and no longer imported. Its 2 announcements stay as they are");
        assertThat(deleted.status()).isEqualTo(303);
        assertThat(deleted.location()).hasValue("/admin/feeds?notice=feeds.deleted");
        assertThat(fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", feed)).isEmpty();
        assertThat(fixtures.rows("SELECT count(*) AS n FROM announcement WHERE slug LIKE ?", "f" + feedId + "-%"))
                .containsExactly(Map.of("n", 2L));
        assertThat(editor.get("/admin/feeds/" + feed).status()).isEqualTo(404);
    }

    @Test
    void a_running_import_shows_how_far_it_has_come_and_the_script_that_follows_it() {
        Place theatre = institution("Musikteatret");
        String feed = feed(theatre, "/running.ics");
        long id = id(feed);
        importStatus.started(id, Instant.parse("2026-11-28T13:30:00Z"));
        importStatus.progress(id, 12, 45);
        WebClient editor = fixtures.browserAs(Role.EDITOR, theatre.id()).language("da");

        WebClient.Page page = editor.get("/admin/feeds/" + feed);

        assertThat(page.text("#import-state")).isEqualTo("Importeres nu");
        assertThat(page.text("#import-progress p")).isEqualTo("Startet 28. nov. 2026 kl. 14.30.");
        assertThat(page.document().selectFirst("#import-progress-bar").attr("value")).isEqualTo("12");
        assertThat(page.document().selectFirst("#import-progress-bar").attr("max")).isEqualTo("45");
        assertThat(page.document().selectFirst("#import-status").attr("data-state-url")).isEqualTo("/admin/feeds/" + feed + "/import-state");
        assertThat(page.document().select("script[type=module][src=/admin/assets/feeds.js]")).hasSize(1);
        assertThat(editor.get("/admin/feeds/" + feed + "/import-state").html()).contains("\"processed\":12").contains("\"total\":45");
    }

    @Test
    void a_bad_change_on_the_feeds_page_is_shown_beside_its_field_and_nothing_is_saved() {
        Place library = institution("Biblioteket");
        String feed = feed(library, "/edit.ics");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("en");

        WebClient.Page page = editor.submitMultipart("/admin/feeds/" + feed,
                form(library, feed, "refreshMinutes", "2", "leadTimeDays", "fourteen"), Map.of());
        WebClient.Page fixed = editor.submitMultipart("/admin/feeds/" + feed, form(library, feed, "refreshMinutes", "2"), Map.of());

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#leadTimeDays-error")).isEqualTo("must be a whole number");
        assertThat(page.document().selectFirst("#leadTimeDays").attr("value")).isEqualTo("fourteen");
        assertThat(page.text("h1")).isEqualTo("Musikteatrets kalender");
        assertThat(fixed.status()).isEqualTo(400);
        assertThat(fixed.text("#refreshMinutes-error")).isEqualTo("must be between 5 and 10080 (a week)");
        assertThat(fixed.document().selectFirst("#refreshMinutes").attr("value")).isEqualTo("2");
        assertThat(fixtures.rows("SELECT refresh_minutes, lead_time_days FROM feed_source WHERE slug = ?", feed))
                .containsExactly(Map.of("refresh_minutes", 60, "lead_time_days", 7));
    }

    @Test
    void the_form_shows_what_an_event_becomes_and_the_live_preview_says_why_a_broken_template_cannot_be_used() {
        Place library = institution("Biblioteket");
        WebClient editor = fixtures.browserAs(Role.EDITOR, library.id()).language("da");

        WebClient.Page form = editor.get("/admin/feeds/new");

        assertThat(form.text("#template-preview .template-preview-title")).isEqualTo("Koncert i foyeren");
        assertThat(form.document().select("#template-preview-body p").eachText())
                .anySatisfy(p -> assertThat(p).matches("fredag \\d{1,2}\\. \\p{L}+ kl\\. 20\\.00 · Musikteatret"))
                .contains("Unge bands spiller egne numre. Gratis adgang.");
        assertThat(form.document().selectFirst("#template-preview-error").hasAttr("hidden")).isTrue();

        WebClient.Page english = editor.submit("/admin/feeds/template-preview", Map.of("template", "{{whenEn}} – {{venue}}",
                "language", "en"));
        WebClient.Page broken = editor.submit("/admin/feeds/template-preview", Map.of("template", "{{#if venue}}no end",
                "language", "da"));

        assertThat(english.html()).contains("\"title\":\"Concert in the foyer\"").containsPattern("Friday \\d{1,2} \\p{L}+, 20:00 – Musikteatret");
        assertThat(broken.html()).contains("\"paragraphs\":[]").contains("er ikke en gyldig Handlebars-skabelon");
    }
}
