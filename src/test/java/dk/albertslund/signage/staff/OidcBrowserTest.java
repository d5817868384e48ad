package dk.albertslund.signage.staff;

import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.OidcProvider;
import dk.albertslund.signage.testing.PostgresTest;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A member of staff signs in with the municipality's account in Chromium, like a person:
 * the button on our sign-in page, the provider's own login form (NAV's mock-oauth2-server,
 * interactive, on 127.0.0.1), and back to the dashboard, signed in with the roles their
 * groups give. Screenshots: target/screenshots/oidc-*.png.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcBrowserTest implements PostgresTest {

    private static final OidcProvider PROVIDER = new OidcProvider(true);

    @Inject
    Fixtures fixtures;
    @Inject
    EmbeddedServer server;

    private ChromeDriver browser;

    @Override
    public Map<String, String> extraProperties() {
        return PROVIDER.properties();
    }

    @BeforeAll
    void start() {
        fixtures.signedIn(Role.ADMIN).post("/api/v1/institutions",
                Map.of("slug", OidcProvider.INSTITUTION, "name", "Albertslund Gymnasium")).expect(201);
        browser = Chromium.start(1280, 900);
    }

    @AfterAll
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        PROVIDER.close();
    }

    /** localhost, not 127.0.0.1: browsers accept the Secure CSRF cookie over http only there. */
    private String url(String path) {
        return "http://localhost:" + server.getPort() + path;
    }

    @Test
    void a_teacher_signs_in_through_the_providers_login_form_and_is_an_editor_of_the_gymnasium() throws InterruptedException {
        browser.get(url("/admin/account"));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/admin/login"));
        assertThat(browser.findElement(By.id("sign-in-kommune")).getText()).isEqualTo("Albertslund Kommune");
        assertThat(Chromium.seriousAccessibilityViolations(browser)).isEmpty();
        Chromium.screenshot(browser, "oidc-login");

        browser.findElement(By.id("sign-in-kommune")).click();
        Chromium.waitFor(Duration.ofSeconds(30), () -> !browser.findElements(By.name("claims")).isEmpty());
        assertThat(browser.getCurrentUrl()).startsWith(PROVIDER.issuer() + "/authorize");
        browser.findElement(By.name("username")).sendKeys("karen.teacher");
        browser.findElement(By.name("claims")).sendKeys("""
                {"preferred_username": "karen@albertslund.dk", "name": "Karen Lærer", "groups": ["sig-gym-editors", "everyone"]}""");
        Chromium.screenshot(browser, "oidc-provider-form");
        browser.findElement(By.cssSelector("input[type=submit]")).click();

        Chromium.waitFor(Duration.ofSeconds(30), () -> browser.getCurrentUrl().equals(url("/admin/dashboard")));
        assertThat(browser.getCurrentUrl()).isEqualTo(url("/admin/dashboard"));
        Chromium.screenshot(browser, "oidc-dashboard");

        browser.get(url("/admin/account"));
        assertThat(browser.findElement(By.cssSelector("dl.facts dd:nth-of-type(1)")).getText()).isEqualTo("Karen Lærer");
        assertThat(browser.findElement(By.cssSelector("dl.facts dd:nth-of-type(2)")).getText()).isEqualTo("karen@albertslund.dk");
        assertThat(browser.findElement(By.cssSelector("dl.facts dd:nth-of-type(4)")).getText()).isEqualTo(OidcProvider.INSTITUTION);
        assertThat(browser.findElement(By.id("password-at-provider")).getText())
                .isEqualTo("Du logger ind med din konto fra kommunen (Albertslund Kommune), så din adgangskode skiftes dér, ikke i Campus Signage.");
        assertThat(browser.findElements(By.id("currentPassword"))).isEmpty();
        assertThat(Chromium.seriousAccessibilityViolations(browser)).isEmpty();
        Chromium.screenshot(browser, "oidc-account");

        List<Map<String, Object>> audit = fixtures.rows("""
                SELECT after_json->>'provider' AS provider, after_json->>'subject' AS subject FROM audit_log
                WHERE action = 'sign-in-first'""");
        assertThat(audit).containsExactly(Map.of("provider", "kommune", "subject", "karen.teacher"));
    }
}
