package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.TestClock;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why a pairing code was refused, beside the code field of a Danish pairing page, in
 * Danish: a wrong, used or expired code, and too many wrong codes. Codes live two seconds
 * here, so one can expire within the minute the wrong codes are counted in; the server's
 * clock is moved, to the last millisecond of the code's life and just past it.
 */
@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PairingPagesInDanishTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    Kiosks kiosks;
    @Inject
    TestClock clock;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of(TestClock.PROPERTY, "true", "signage.kiosk.pairing-ttl", "2s");
    }

    @Test
    void a_wrong_used_or_expired_code_and_too_many_wrong_codes_are_explained_in_danish() {
        String screen = kiosks.screen("Stationen, perron 2");
        WebClient admin = fixtures.browserAs(Role.ADMIN).language("da");
        admin.get("/admin/pairing");

        Kiosks.Asked used = kiosks.asked();
        assertThat(admin.submit("/admin/pairing/claim", Map.of("code", used.code(), "screen", screen)).status()).isEqualTo(303);
        WebClient.Page usedAgain = admin.submit("/admin/pairing/look-up", Map.of("code", used.code()));
        assertThat(usedAgain.status()).isEqualTo(409);
        assertThat(usedAgain.text("#code-error")).isEqualTo("Koden er allerede brugt til at parre en skærm.");

        WebClient.Page wrong = admin.submit("/admin/pairing/look-up", Map.of("code", "AAAA AAAA"));
        assertThat(wrong.status()).isEqualTo(404);
        assertThat(wrong.text("#code-error")).isEqualTo("Ingen kiosk venter med koden AAAAAAAA. Tjek koden på skærmen.");
        assertThat(wrong.document().selectFirst("#code").attr("value")).isEqualTo("AAAA AAAA");

        Kiosks.Asked expired = kiosks.asked();
        clock.advance(Duration.ofSeconds(2).minusMillis(1));
        WebClient.Page inTime = admin.submit("/admin/pairing/look-up", Map.of("code", expired.code()));
        assertThat(inTime.status()).isEqualTo(200);
        assertThat(inTime.text("#waiting .code")).isEqualTo(expired.code());
        assertThat(inTime.text("#code-error")).isEmpty();
        clock.advance(Duration.ofMillis(1));
        WebClient.Page tooLate = admin.submit("/admin/pairing/claim", Map.of("code", expired.code(), "screen", screen));
        assertThat(tooLate.status()).isEqualTo(410);
        assertThat(tooLate.text("#code-error")).isEqualTo("Koden er udløbet. Kiosken viser en ny; brug den.");

        // the fourth and fifth wrong code of the minute from this address; the sixth try is held back
        // until the minute since the first (two seconds ago) is over
        admin.submit("/admin/pairing/look-up", Map.of("code", "CCCCCCCC"));
        admin.submit("/admin/pairing/look-up", Map.of("code", "DDDDDDDD"));
        WebClient.Page throttled = admin.submit("/admin/pairing/look-up", Map.of("code", "EEEEEEEE"));
        assertThat(throttled.status()).isEqualTo(429);
        assertThat(throttled.text("#code-error")).isEqualTo("For mange forkerte koder fra denne adresse. Prøv igen om 58 sekunder.");
    }
}
