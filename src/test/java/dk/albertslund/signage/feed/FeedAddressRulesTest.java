package dk.albertslund.signage.feed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Which addresses a feed may be fetched from, IPv6 forms above all (an empty kind: public, fetched). */
class FeedAddressRulesTest {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(nullValues = "public", textBlock = """
            ::127.0.0.1,          loopback
            ::10.0.0.1,           private
            ::8.8.8.8,            private
            ::ffff:127.0.0.1,     loopback
            ::ffff:192.168.1.1,   private
            ::ffff:169.254.169.254, link-local
            2002:7f00:1::,        loopback
            2002:c0a8:101::1,     private
            2002:a9fe:a9fe::,     link-local
            2002:0a00:0001::,     private
            64:ff9b::127.0.0.1,   loopback
            64:ff9b::10.1.2.3,    private
            64:ff9b::169.254.169.254, link-local
            64:ff9b:1::10.1.2.3,  private
            2001::1,              private
            2001:0:4136:e378:8000:63bf:3fff:fdd2, private
            fc00::1,              private
            fd12:3456::1,         private
            fe80::1,              link-local
            febf::1,              link-local
            fec0::1,              private
            ff02::1,              multicast
            ff05::2,              multicast
            ::,                   wildcard
            ::1,                  loopback
            2001:db8::1,          private
            2001:db8:ffff::,      private
            2a00:1450:4001:80b::200e, public
            2002:0808:0808::,     public
            64:ff9b::8.8.8.8,     public
            2001:4860:4860::8888, public
            """)
    void every_non_public_ipv6_form_is_refused(String literal, String kind) throws Exception {
        assertThat(FeedFetcher.refusedKind(InetAddress.getByName(literal))).isEqualTo(kind);
    }

    @Test
    void an_ipv4_compatible_loopback_url_is_refused_before_any_connection() {
        FeedSettings settings = new FeedSettings();
        settings.setAllowedAddresses(List.of());
        settings.setTotalTimeout(Duration.ofMillis(1500));
        settings.setConnectTimeout(Duration.ofMillis(1000));
        FeedFetcher fetcher = new FeedFetcher(settings);

        assertThatThrownBy(() -> fetcher.fetch("http://[::127.0.0.1]/cal.ics", null, null))
                .isInstanceOf(FeedFetcher.FetchFailed.class)
                .hasMessageContaining("loopback");
    }
}
