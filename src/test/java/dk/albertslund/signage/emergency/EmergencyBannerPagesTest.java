package dk.albertslund.signage.emergency;

import dk.albertslund.signage.playlist.ContentFixtures;
import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The emergency banner on every staff page links to the emergency page only for those who
 * may open it; the others see the same banner without a link that would end in a 403.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmergencyBannerPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    ContentFixtures content;

    @Test
    void an_editor_sees_the_banner_without_a_link_to_the_page_they_may_not_open() {
        ContentFixtures.Institution school = content.institution("Kongsholm Gymnasium");
        WebClient approver = fixtures.browserAs(Role.APPROVER).language("da");
        WebClient editor = fixtures.browserAs(Role.EDITOR, school.id()).language("da");
        WebClient.Page started = approver.submit("/admin/emergency", Map.of("title", "Perron 2 er spærret",
                "institution", school.slug(), "target", "all"));
        assertThat(started.status()).isEqualTo(303);
        try {
            WebClient.Page page = editor.get("/admin/announcements");

            assertThat(page.text(".emergency-banner")).isEqualTo("Nødbesked vises nu: Perron 2 er spærret – Alle skærme");
            assertThat(page.document().select(".emergency-banner a")).isEmpty();
            assertThat(approver.get("/admin/announcements").document().select(".emergency-banner a").eachAttr("href"))
                    .containsExactly("/admin/emergency");
        } finally {
            String slug = approver.get("/admin/emergency").document().select("tr[data-emergency]").stream()
                    .filter(row -> row.selectFirst("th").text().equals("Perron 2 er spærret")).findFirst().orElseThrow()
                    .attr("data-emergency");
            approver.submit("/admin/emergency/" + slug + "/clear", Map.of());
        }
    }
}
