package dk.albertslund.signage.feed;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedFetcherTest {

    private final FeedServer server;

    FeedFetcherTest() throws IOException {
        server = new FeedServer();
    }

    @AfterAll
    void stop() {
        server.close();
    }

    private static FeedFetcher fetcher(List<String> allowed) {
        FeedSettings settings = new FeedSettings();
        settings.setAllowedAddresses(allowed);
        settings.setTotalTimeout(Duration.ofMillis(1500));
        settings.setConnectTimeout(Duration.ofMillis(1000));
        return new FeedFetcher(settings);
    }

    private final FeedFetcher allowingLocalhost = fetcher(List.of("127.0.0.1"));

    @Test
    void a_feed_on_an_allowed_address_is_fetched_with_its_validators() throws Exception {
        server.serve("/cal.ics", "text/calendar", "BEGIN:VCALENDAR");

        FeedFetcher.Body body = (FeedFetcher.Body) allowingLocalhost.fetch(server.url("/cal.ics"), null, null);
        FeedFetcher.Fetched again = allowingLocalhost.fetch(server.url("/cal.ics"), body.etag(), null);

        assertThat(new String(body.bytes())).isEqualTo("BEGIN:VCALENDAR");
        assertThat(again).isInstanceOf(FeedFetcher.NotModified.class);
        assertThat(server.ifNoneMatch).contains(body.etag());
    }

    @Test
    void a_name_that_turns_private_after_the_check_is_refused_when_connecting() {
        // DNS rebinding: a public answer for the check, then this machine for the connection
        java.util.concurrent.atomic.AtomicInteger lookups = new java.util.concurrent.atomic.AtomicInteger();
        FeedFetcher.NameLookup rebinding = host -> new InetAddress[]{InetAddress.getByName(
                lookups.getAndIncrement() == 0 ? "203.0.113.7" : "127.0.0.1")};
        FeedSettings settings = new FeedSettings();
        settings.setAllowedAddresses(List.of());
        FeedFetcher fetcher = new FeedFetcher(settings, rebinding);
        server.serve("/rebound.ics", "text/calendar", "BEGIN:VCALENDAR");
        String url = server.url("/rebound.ics").replace("127.0.0.1", "kalender.example");

        assertThatThrownBy(() -> fetcher.fetch(url, null, null))
                .hasMessage("Refused to fetch from kalender.example: 127.0.0.1 is a loopback address.");
        assertThat(server.requests("/rebound.ics")).isZero();
        assertThat(lookups.get()).isEqualTo(2);
    }

    @Test
    void loopback_is_refused_without_the_allow_list() {
        server.serve("/private.ics", "text/calendar", "BEGIN:VCALENDAR");

        assertThatThrownBy(() -> fetcher(List.of()).fetch(server.url("/private.ics"), null, null))
                .hasMessage("Refused to fetch from 127.0.0.1: 127.0.0.1 is a loopback address.");
    }

    @Test
    void a_redirect_to_a_refused_address_is_not_followed() {
        server.redirect("/moved.ics", "http://169.254.169.254/latest/meta-data/");

        assertThatThrownBy(() -> allowingLocalhost.fetch(server.url("/moved.ics"), null, null))
                .hasMessage("Refused to fetch from 169.254.169.254: 169.254.169.254 is a link-local address.");
    }

    @Test
    void a_redirect_is_followed_and_a_fourth_is_refused() throws Exception {
        server.serve("/final.ics", "text/calendar", "BEGIN:VCALENDAR");
        server.redirect("/r3", "/final.ics");
        server.redirect("/r2", "/r3");
        server.redirect("/r1", server.url("/r2"));
        server.redirect("/r0", "/r1");

        FeedFetcher.Body body = (FeedFetcher.Body) allowingLocalhost.fetch(server.url("/r1"), null, null);

        assertThat(body.finalUrl().getPath()).isEqualTo("/final.ics");
        assertThatThrownBy(() -> allowingLocalhost.fetch(server.url("/r0"), null, null))
                .hasMessage("More than 3 redirects; the last pointed to /final.ics.");
    }

    @Test
    void file_and_gopher_urls_are_refused() {
        assertThatThrownBy(() -> allowingLocalhost.fetch("file:///etc/passwd", null, null))
                .hasMessage("Only http and https addresses can be fetched, not file:.");
        assertThatThrownBy(() -> allowingLocalhost.fetch("gopher://127.0.0.1:70/1", null, null))
                .hasMessage("Only http and https addresses can be fetched, not gopher:.");
    }

    @Test
    void a_six_megabyte_answer_is_cut_off_at_five() {
        server.handle("/huge.ics", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 6 * 16; i++) {
                    out.write(chunk);
                }
            }
        });

        assertThatThrownBy(() -> allowingLocalhost.fetch(server.url("/huge.ics"), null, null))
                .hasMessage("The feed at 127.0.0.1 is larger than 5 MB; it was not read further.");
    }

    @Test
    void a_server_that_trickles_past_the_total_time_is_cut_off() {
        server.handle("/slow.ics", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < 50; i++) {
                    out.write("BEGIN:VCALENDAR\r\n".getBytes());
                    out.flush();
                    Thread.sleep(100);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Instant started = Instant.now();

        assertThatThrownBy(() -> allowingLocalhost.fetch(server.url("/slow.ics"), null, null))
                .hasMessage("The feed did not arrive within 1500 ms.");
        assertThat(Duration.between(started, Instant.now())).isLessThan(Duration.ofMillis(3000));
    }

    @Test
    void a_server_that_never_answers_is_cut_off() {
        server.handle("/silent.ics", exchange -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });

        assertThatThrownBy(() -> allowingLocalhost.fetch(server.url("/silent.ics"), null, null))
                .hasMessage("The feed did not arrive within 1500 ms.");
    }

    @Test
    void private_multicast_and_unique_local_addresses_are_named_as_such() throws Exception {
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("10.1.2.3"))).isEqualTo("private");
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("192.168.0.10"))).isEqualTo("private");
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("fd12:3456::1"))).isEqualTo("private");
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("fe80::1"))).isEqualTo("link-local");
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("::1"))).isEqualTo("loopback");
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("0.0.0.0"))).isEqualTo("wildcard");
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("224.0.0.1"))).isEqualTo("multicast");
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName("93.184.215.14"))).isNull();
    }
}
