package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.testing.Api;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import static org.assertj.core.api.Assertions.assertThat;

/** The player is served by the server itself, to anyone (a kiosk has no staff login). */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KioskShellTest implements PostgresTest {

    @Inject
    Fixtures fixtures;

    @Test
    void the_player_page_its_modules_and_its_service_worker_are_served_anonymously() {
        Api.Response page = fixtures.anonymous().get("/kiosk/index.html");
        Api.Response main = fixtures.anonymous().get("/kiosk/js/main.js");
        Api.Response worker = fixtures.anonymous().get("/kiosk/sw.js");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).startsWith("text/html");
        assertThat(page.text()).contains("js/main.js");
        assertThat(main.status()).isEqualTo(200);
        assertThat(main.contentType()).contains("javascript");
        assertThat(worker.status()).isEqualTo(200);
        assertThat(worker.contentType()).contains("javascript");
    }

    @Test
    void the_tests_and_launcher_of_the_player_are_not_served() {
        assertThat(fixtures.anonymous().get("/kiosk/test/rotation.test.js").status()).isEqualTo(404);
        assertThat(fixtures.anonymous().get("/kiosk/kiosk.sh").status()).isEqualTo(404);
    }
}
