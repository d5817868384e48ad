package dk.albertslund.signage.feed;

import dk.albertslund.signage.kiosk.Kiosks;
import dk.albertslund.signage.playlist.ContentFixtures;
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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static dk.albertslund.signage.media.SampleFiles.jpeg;
import static dk.albertslund.signage.media.SampleFiles.png;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event images become media of the feed's institution, served by this server like any
 * upload; an image that cannot be used costs its event only the picture, and the feed's
 * page says which one and why. Over real HTTP on 127.0.0.1, with the fetch cap lowered to
 * 100 kB so "too large" needs no big download.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedImageTest implements PostgresTest {

    private static final DateTimeFormatter ICS_UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter RFC_822 = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);
    private static final int CAP = 100_000;

    @Inject
    Fixtures fixtures;
    @Inject
    FeedImporter importer;
    @Inject
    ContentFixtures content;
    @Inject
    Kiosks kiosks;

    private final FeedServer server;

    FeedImageTest() throws IOException {
        server = new FeedServer();
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("signage.feeds.allowed-addresses", "127.0.0.1", "signage.feeds.max-bytes", Integer.toString(CAP));
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private String feed(ContentFixtures.Institution institution, String kind, String path) {
        String slug = fixtures.unique("feed");
        Api.Response created = fixtures.signedIn(Role.ADMIN).post("/api/v1/feeds", Map.of("slug", slug, "name", "Kalender",
                "kind", kind, "url", server.url(path), "institution", institution.slug(), "autoApprove", true));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return slug;
    }

    private long id(String feed) {
        return ((Number) fixtures.rows("SELECT id FROM feed_source WHERE slug = ?", feed).get(0).get("id")).longValue();
    }

    private FeedService.ImportResult run(String feed) {
        return importer.run(id(feed), Instant.now());
    }

    /** The feed's announcements by title (and start), with the sha256 of their media or null. */
    private List<Map<String, Object>> made(String feed) {
        return fixtures.rows("""
                SELECT a.slug, a.title, m.sha256, a.body_markdown FROM feed_item i JOIN announcement a ON a.id = i.announcement_id
                LEFT JOIN media m ON m.id = a.media_id WHERE i.feed_id = ? ORDER BY i.starts_at""", id(feed));
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** An event at Musikteatret with its picture given as a calendar tool writes it ({@code imageLine}). */
    private static String event(String uid, String title, Instant start, String... more) {
        return String.join("\r\n", "BEGIN:VEVENT", "UID:" + uid, "DTSTAMP:20261101T100000Z", "DTSTART:" + ICS_UTC.format(start),
                "DTEND:" + ICS_UTC.format(start.plus(2, ChronoUnit.HOURS)), "SUMMARY:" + title, "LOCATION:Musikteatret",
                String.join("\r\n", more), "END:VEVENT");
    }

    private static Instant inDays(int days) {
        return Instant.now().truncatedTo(ChronoUnit.HOURS).plus(days, ChronoUnit.DAYS);
    }

    private byte[] fetch(String path) throws Exception {
        HttpResponse<byte[]> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(fixtures.url() + path)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    @Test
    void calendar_images_become_media_of_the_institution_fetched_once_for_a_whole_series_and_not_again() throws Exception {
        ContentFixtures.Institution theatre = content.institution("Musikteatret");
        byte[] poster = png(320, 180);
        byte[] choir = jpeg(400, 300);
        server.serve("/img/natkoncert.png", "image/png", poster);
        server.serve("/img/kor.jpg", "image/jpeg", choir);
        String feed = feed(theatre, "ics-url", "/images.ics");
        server.serveFresh("/images.ics", FeedPagesTest.calendar(
                event("natkoncert@example.org", "Natkoncert", inDays(1),
                        "IMAGE;VALUE=URI;DISPLAY=BADGE;FMTTYPE=image/png:" + server.url("/img/natkoncert.png")),
                event("kor@example.org", "Korprøve", inDays(2), "RRULE:FREQ=DAILY;COUNT=3",
                        "ATTACH;FMTTYPE=image/jpeg:" + server.url("/img/kor.jpg"))));

        FeedService.ImportResult first = run(feed);
        FeedService.ImportResult second = run(feed);

        assertThat(first).isEqualTo(new FeedService.ImportResult("ok", 4, 0, 0, 0, null, null));
        assertThat(second).isEqualTo(new FeedService.ImportResult("ok", 0, 0, 0, 4, null, null));
        assertThat(made(feed)).extracting(a -> a.get("title"), a -> a.get("sha256")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Natkoncert", sha256(poster)),
                org.assertj.core.groups.Tuple.tuple("Korprøve", sha256(choir)),
                org.assertj.core.groups.Tuple.tuple("Korprøve", sha256(choir)),
                org.assertj.core.groups.Tuple.tuple("Korprøve", sha256(choir)));
        assertThat(server.requests("/img/natkoncert.png")).isEqualTo(1);
        assertThat(server.requests("/img/kor.jpg")).isEqualTo(1);
        assertThat(fixtures.rows("""
                SELECT m.content_type, m.width, m.height, m.original_name, m.uploaded_by, m.institution_id FROM media m
                WHERE m.sha256 IN (?, ?) ORDER BY m.content_type""", sha256(poster), sha256(choir))).containsExactly(
                Map.of("content_type", "image/jpeg", "width", 400, "height", 300, "original_name", "kor.jpg",
                        "uploaded_by", "feed:" + feed, "institution_id", theatre.id()),
                Map.of("content_type", "image/png", "width", 320, "height", 180, "original_name", "natkoncert.png",
                        "uploaded_by", "feed:" + feed, "institution_id", theatre.id()));
        String slug = (String) made(feed).get(0).get("slug");
        @SuppressWarnings("unchecked")
        Map<String, Object> media = (Map<String, Object>) fixtures.signedIn(Role.ADMIN).get("/api/v1/announcements/" + slug).body().get("media");
        assertThat(media).containsEntry("sha256", sha256(poster)).containsEntry("url", "/media/" + sha256(poster) + ".png");
        assertThat(fetch("/media/" + sha256(poster) + ".png")).isEqualTo(poster);
        // the picture is the media, not a link to the institution's website in the text
        assertThat(made(feed)).allSatisfy(a -> assertThat((String) a.get("body_markdown")).doesNotContain("127.0.0.1"));
    }

    @Test
    void a_news_item_enclosure_is_the_picture_its_slide_carries_in_the_kiosk_manifest() throws Exception {
        ContentFixtures.Institution school = content.institution("Musikskolen");
        byte[] picture = jpeg(640, 360);
        server.serve("/uploads/hold.jpg", "image/jpeg", picture);
        String feed = feed(school, "rss-url", "/news.xml");
        server.serveFresh("/news.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Musikskolen</title><link>https://musikskole.example.dk</link>
                <description>Nyheder</description>
                <item><title>Nye hold i guitar</title><link>https://musikskole.example.dk/hold</link>
                <guid isPermaLink="false">musikskole-hold-1</guid><pubDate>%s</pubDate>
                <description>Tilmelding er åben.</description>
                <enclosure url="%s" length="%d" type="image/jpeg"/></item>
                </channel></rss>""".formatted(RFC_822.format(Instant.now().minus(1, ChronoUnit.HOURS)),
                server.url("/uploads/hold.jpg"), picture.length));
        assertThat(run(feed).created()).isEqualTo(1);
        String announcement = (String) made(feed).get(0).get("slug");
        Api admin = fixtures.signedIn(Role.ADMIN);
        String playlist = fixtures.unique("playlist");
        String screen = fixtures.unique("screen");
        assertThat(admin.post("/api/v1/playlists", Map.of("slug", playlist, "name", "Musikskolen", "items", List.of(announcement)))
                .status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/screens", Map.of("slug", screen, "name", "Foyeren", "defaultPlaylist", playlist)).status())
                .isEqualTo(201);

        Api.Response manifest = kiosks.as(kiosks.pair(screen).token()).get("/api/v1/kiosk/manifest");

        @SuppressWarnings("unchecked")
        List<Map<String, Object>> slides = (List<Map<String, Object>>) manifest.body().get("slides");
        assertThat(slides).extracting(s -> s.get("title")).containsExactly("Nye hold i guitar");
        @SuppressWarnings("unchecked")
        Map<String, Object> media = (Map<String, Object>) slides.get(0).get("media");
        assertThat(media).containsEntry("url", "/media/" + sha256(picture) + ".jpg").containsEntry("sha256", sha256(picture))
                .containsEntry("type", "image/jpeg");
        assertThat(((Number) media.get("bytes")).longValue()).isEqualTo(picture.length);
        assertThat(fetch("/media/" + sha256(picture) + ".jpg")).isEqualTo(picture);
    }

    @Test
    void images_that_cannot_be_used_leave_their_events_without_a_picture_and_the_feed_page_says_why() {
        ContentFixtures.Institution theatre = content.institution("Musikteatret");
        server.serve("/img/side.jpg", "image/jpeg", "<!DOCTYPE html><html><body>Siden findes ikke</body></html>");
        server.serve("/img/stor.png", "image/png", new byte[CAP + 1]);
        server.serve("/img/logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>");
        String feed = feed(theatre, "ics-url", "/broken-images.ics");
        server.serveFresh("/broken-images.ics", FeedPagesTest.calendar(
                event("a@example.org", "Koncert A", inDays(1), "ATTACH;FMTTYPE=image/jpeg:" + server.url("/img/borte.jpg")),
                event("b@example.org", "Koncert B", inDays(2), "ATTACH;FMTTYPE=image/jpeg:" + server.url("/img/side.jpg")),
                event("c@example.org", "Koncert C", inDays(3), "ATTACH;FMTTYPE=image/jpeg:http://10.1.2.3/plakat.jpg"),
                event("d@example.org", "Koncert D", inDays(4), "ATTACH;FMTTYPE=image/png:" + server.url("/img/stor.png")),
                event("e@example.org", "Koncert E", inDays(5), "IMAGE;VALUE=URI:" + server.url("/img/logo.svg"))));

        FeedService.ImportResult result = run(feed);
        WebClient.Page english = fixtures.browserAs(Role.EDITOR, theatre.id()).language("en").get("/admin/feeds/" + feed);
        WebClient.Page danish = fixtures.browserAs(Role.EDITOR, theatre.id()).language("da").get("/admin/feeds/" + feed);

        assertThat(result).isEqualTo(new FeedService.ImportResult("ok", 5, 0, 0, 0, null, null));
        assertThat(made(feed)).extracting(a -> a.get("title"), a -> a.get("sha256")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Koncert A", null), org.assertj.core.groups.Tuple.tuple("Koncert B", null),
                org.assertj.core.groups.Tuple.tuple("Koncert C", null), org.assertj.core.groups.Tuple.tuple("Koncert D", null),
                org.assertj.core.groups.Tuple.tuple("Koncert E", null));
        assertThat(english.text("#import-state")).isEqualTo("OK");
        assertThat(english.document().select("#image-problems li").eachText()).containsExactly(
                "The image of “Koncert C” (http://10.1.2.3/plakat.jpg) was not used: Refused to fetch from 10.1.2.3: 10.1.2.3 is a private address.",
                "The image of “Koncert A” (" + server.url("/img/borte.jpg") + ") was not used: The server at 127.0.0.1 answered 404.",
                "The image of “Koncert E” (" + server.url("/img/logo.svg") + ") was not used: This file is image/svg+xml, not a PNG, JPEG or WebP image.",
                "The image of “Koncert B” (" + server.url("/img/side.jpg") + ") was not used: This file is text/html, not a PNG, JPEG or WebP image.",
                "The image of “Koncert D” (" + server.url("/img/stor.png") + ") was not used: The image at 127.0.0.1 is larger than 100000 bytes; it was not read further.");
        assertThat(danish.document().select("#image-problems li").eachText().get(1)).isEqualTo(
                "Billedet til „Koncert A“ (" + server.url("/img/borte.jpg") + ") blev ikke brugt: Serveren 127.0.0.1 svarede 404.");
        assertThat(fixtures.rows("SELECT count(*) AS n FROM media WHERE uploaded_by = ?", "feed:" + feed)).containsExactly(Map.of("n", 0L));
    }

    @Test
    void an_image_that_failed_is_tried_again_and_a_changed_image_address_replaces_the_picture() throws Exception {
        ContentFixtures.Institution theatre = content.institution("Musikteatret");
        byte[] first = png(200, 100);
        byte[] second = png(210, 100);
        String feed = feed(theatre, "ics-url", "/changing.ics");
        Instant start = inDays(2);
        server.serveFresh("/changing.ics", FeedPagesTest.calendar(event("jazz@example.org", "Jazz i foyeren", start,
                "ATTACH;FMTTYPE=image/png:" + server.url("/img/jazz-1.png"))));
        run(feed);
        WebClient editor = fixtures.browserAs(Role.EDITOR, theatre.id()).language("en");
        assertThat(editor.get("/admin/feeds/" + feed).document().select("#image-problems li")).hasSize(1);

        server.serve("/img/jazz-1.png", "image/png", first);
        FeedService.ImportResult retried = run(feed);
        List<Element> problemsAfter = editor.get("/admin/feeds/" + feed).document().select("#image-problems li");
        server.serve("/img/jazz-2.png", "image/png", second);
        server.serveFresh("/changing.ics", FeedPagesTest.calendar(event("jazz@example.org", "Jazz i foyeren", start,
                "ATTACH;FMTTYPE=image/png:" + server.url("/img/jazz-2.png"))));
        FeedService.ImportResult changed = run(feed);

        assertThat(retried.updated()).isEqualTo(1);
        assertThat(problemsAfter).isEmpty();
        assertThat(changed.updated()).isEqualTo(1);
        assertThat(made(feed)).extracting(a -> a.get("sha256")).containsExactly(sha256(second));
        assertThat(fixtures.rows("SELECT url FROM feed_image WHERE feed_id = ?", id(feed)))
                .containsExactly(Map.of("url", server.url("/img/jazz-2.png")));
        assertThat(server.requests("/img/jazz-1.png")).isEqualTo(2);
        assertThat(new String(fetch("/media/" + sha256(first) + ".png"), StandardCharsets.ISO_8859_1))
                .as("the old picture stays in the media library").startsWith("\u0089PNG");
    }

    @Test
    void a_first_import_with_pictures_shows_its_progress_while_they_download() throws Exception {
        ContentFixtures.Institution theatre = content.institution("Musikteatret");
        byte[] picture = png(64, 36);
        for (String name : List.of("a", "b", "c")) {
            // a slow website: each picture takes a second
            server.handle("/slow/" + name + ".png", exchange -> {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.getResponseHeaders().add("Content-Type", "image/png");
                exchange.sendResponseHeaders(200, picture.length);
                try (var out = exchange.getResponseBody()) {
                    out.write(picture);
                }
            });
        }
        String feed = feed(theatre, "ics-url", "/slow.ics");
        server.serveFresh("/slow.ics", FeedPagesTest.calendar(
                event("a@example.org", "Koncert A", inDays(1), "IMAGE;VALUE=URI:" + server.url("/slow/a.png")),
                event("b@example.org", "Koncert B", inDays(2), "IMAGE;VALUE=URI:" + server.url("/slow/b.png")),
                event("c@example.org", "Koncert C", inDays(3), "IMAGE;VALUE=URI:" + server.url("/slow/c.png"))));

        var running = java.util.concurrent.CompletableFuture.supplyAsync(() -> run(feed));
        java.util.Set<String> seen = new java.util.LinkedHashSet<>();
        while (!running.isDone()) {
            Map<String, Object> row = fixtures.rows("SELECT import_status, items_processed, items_total FROM feed_source WHERE slug = ?", feed).get(0);
            if ("running".equals(row.get("import_status"))) {
                seen.add(row.get("items_processed") + "/" + row.get("items_total"));
            }
            Thread.sleep(100);
        }

        assertThat(running.get().created()).isEqualTo(3);
        // three downloads, then three events: six steps, the downloads counted as they go
        assertThat(seen).contains("1/6", "2/6");
        assertThat(fixtures.rows("SELECT import_status, items_processed, items_total FROM feed_source WHERE slug = ?", feed))
                .containsExactly(Map.of("import_status", "ok", "items_processed", 3, "items_total", 3));
    }
}
