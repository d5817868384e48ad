package dk.albertslund.signage.publicfeed;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.scheduler.Servers;
import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.TestDatabase;
import io.micronaut.context.ApplicationContext;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two server processes on one database: an outward feed cached by one follows a change
 * made through the other within seconds, not when its cached answer runs out a minute later.
 */
class PublicFeedsTwoServerTest {

    /** The JSON feed leaves out an empty list of items. */
    private static List<Object> titles(Api.Response feed) {
        return feed.items() == null ? List.of() : feed.items().stream().map(i -> i.get("title")).toList();
    }

    @Test
    void an_announcement_approved_through_server_a_is_in_server_bs_json_feed_within_two_seconds_with_a_new_etag() throws Exception {
        Map<String, String> datasource = TestDatabase.get().freshDatasource();
        try (ApplicationContext a = Servers.start(Servers.properties(datasource, "PublicFeedsTwoServerTest-a"));
             ApplicationContext b = Servers.start(Servers.properties(datasource, "PublicFeedsTwoServerTest-b"))) {
            ContentFixtures onA = a.getBean(ContentFixtures.class);
            Fixtures fixturesA = a.getBean(Fixtures.class);
            Api admin = onA.admin();
            ContentFixtures.Institution venue = onA.institution("Forbrændingen");
            String slug = fixturesA.unique("opslag");
            assertThat(admin.post("/api/v1/announcements", Map.of("slug", slug, "institution", venue.slug(), "title", "Hiphop-aften",
                    "body", "Fri entré.", "language", "da", "category", "culture")).status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/announcements/" + slug + "/submit", Map.of()).status()).isEqualTo(200);
            Api anonymousOnB = b.getBean(Fixtures.class).anonymous();
            String path = "/feeds/institution/" + venue.slug() + ".json";
            Api.Response before = anonymousOnB.get(path);
            assertThat(before.status()).isEqualTo(200);
            assertThat(titles(before)).isEmpty();

            Instant approved = Instant.now();
            assertThat(fixturesA.approve(slug).status()).isEqualTo(200);
            Api.Response after = anonymousOnB.get(path);
            while (titles(after).isEmpty() && Duration.between(approved, Instant.now()).compareTo(Duration.ofSeconds(5)) < 0) {
                Thread.sleep(50);
                after = anonymousOnB.get(path);
            }

            assertThat(titles(after)).containsExactly("Hiphop-aften");
            assertThat(Duration.between(approved, Instant.now())).isLessThan(Duration.ofSeconds(2));
            assertThat(after.headers().get("ETag")).isNotBlank().isNotEqualTo(before.headers().get("ETag"));
        }
    }
}
