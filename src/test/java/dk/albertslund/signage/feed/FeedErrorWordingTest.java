package dk.albertslund.signage.feed;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a feed's import failed, and why an image was not used, are stored as a message key
 * and its arguments: the feed's page words them in its reader's language, the API in
 * English. What an older version stored as English text is shown as it was stored.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedErrorWordingTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void a_failed_import_is_stored_as_a_key_and_worded_for_each_reader() {
        Feed feed = feed("http://10.0.0.7/calendar.ics");

        Api.Response imported = fixtures.signedIn(Role.ADMIN).post("/api/v1/feeds/" + feed.slug() + "/import", Map.of());

        assertThat(imported.body()).containsEntry("error", "Refused to fetch from 10.0.0.7: 10.0.0.7 is a private address.");
        assertThat(fixtures.rows("SELECT error, error_key, array_to_string(error_args, '|') AS args FROM feed_source WHERE slug = ?", feed.slug()))
                .containsExactly(row(null, "feed.fetch.refusedPrivate", "10.0.0.7|10.0.0.7"));
        assertThat(page(feed, "da").text("#import-error-message")).isEqualTo("Hentede ikke fra 10.0.0.7: 10.0.0.7 er en privat adresse.");
        assertThat(page(feed, "en").text("#import-error-message")).isEqualTo("Refused to fetch from 10.0.0.7: 10.0.0.7 is a private address.");
        assertThat(lastImport(feed.slug())).containsEntry("error", "Refused to fetch from 10.0.0.7: 10.0.0.7 is a private address.");
    }

    @Test
    void a_failure_an_older_version_stored_as_text_is_shown_as_it_was_stored() {
        Feed feed = feed("https://example.org/calendar.ics");
        fixtures.rows("""
                UPDATE feed_source SET import_status = 'failed', error = 'The server at example.org answered 500.', error_key = NULL,
                       failed_at = now() WHERE slug = ? RETURNING id""", feed.slug());

        assertThat(page(feed, "da").text("#import-error-message")).isEqualTo("The server at example.org answered 500.");
        assertThat(lastImport(feed.slug())).containsEntry("error", "The server at example.org answered 500.");
    }

    @Test
    void an_image_that_was_not_used_says_why_in_the_readers_language_or_as_an_older_version_stored_it() {
        Feed feed = feed("https://example.org/calendar.ics");
        fixtures.rows("""
                INSERT INTO feed_image (feed_id, url, event_title, error, error_key, error_args, checked_at)
                VALUES (?, 'https://example.org/a.png', 'Jazz', NULL, 'media.feedImage.unsupported', '{text/html}', now()),
                       (?, 'https://example.org/b.png', 'Kor', 'The image is empty.', NULL, '{}', now()) RETURNING id""", feed.id(), feed.id());

        List<String> danish = page(feed, "da").document().select(".image-problem").eachText();
        List<String> english = page(feed, "en").document().select(".image-problem").eachText();

        assertThat(danish).containsExactly(
                "Billedet til „Jazz“ (https://example.org/a.png) blev ikke brugt: Filen er text/html, ikke et PNG-, JPEG- eller WebP-billede.",
                "Billedet til „Kor“ (https://example.org/b.png) blev ikke brugt: The image is empty.");
        assertThat(english).containsExactly(
                "The image of “Jazz” (https://example.org/a.png) was not used: This file is text/html, not a PNG, JPEG or WebP image.",
                "The image of “Kor” (https://example.org/b.png) was not used: The image is empty.");
    }

    /** A feed, by its id and slug, of a new institution whose editor reads its page. */
    private record Feed(long id, String slug, long institution) {
    }

    private Feed feed(String url) {
        Api admin = fixtures.signedIn(Role.ADMIN);
        String institution = fixtures.unique("musikteatret");
        Api.Response place = admin.post("/api/v1/institutions", Map.of("slug", institution, "name", "Musikteatret"));
        assertThat(place.status()).isEqualTo(201);
        Api.Response created = admin.post("/api/v1/feeds", Map.of("slug", fixtures.unique("feed"), "name", "Kalender",
                "kind", "ics-url", "url", url, "institution", institution));
        assertThat(created.status()).as(created.text()).isEqualTo(201);
        return new Feed(((Number) created.body().get("id")).longValue(), (String) created.body().get("slug"),
                ((Number) place.body().get("id")).longValue());
    }

    private WebClient.Page page(Feed feed, String language) {
        return fixtures.browserAs(Role.EDITOR, feed.institution()).language(language).get("/admin/feeds/" + feed.slug());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> lastImport(String feed) {
        return (Map<String, Object>) fixtures.signedIn(Role.ADMIN).get("/api/v1/feeds/" + feed).body().get("lastImport");
    }

    private static Map<String, Object> row(Object error, Object key, Object args) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("error", error);
        row.put("error_key", key);
        row.put("args", args);
        return row;
    }
}
