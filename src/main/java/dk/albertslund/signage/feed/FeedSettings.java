package dk.albertslund.signage.feed;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code signage.feeds.*} settings: how far recurring events are expanded and how
 * carefully other people's servers are fetched. Checked at start-up like the rest.
 */
@Context
@ConfigurationProperties("signage.feeds")
public class FeedSettings {

    @NotNull
    private Duration horizon = Duration.ofDays(60);
    @NotNull
    private Duration connectTimeout = Duration.ofSeconds(5);
    @NotNull
    private Duration totalTimeout = Duration.ofSeconds(15);
    @Min(1024)
    @Max(100L * 1024 * 1024)
    private long maxBytes = 5L * 1024 * 1024;
    @NotNull
    private List<String> allowedAddresses = new ArrayList<>();

    /** How far ahead recurring events become announcements. */
    public Duration getHorizon() {
        return horizon;
    }

    public void setHorizon(Duration horizon) {
        this.horizon = positive("horizon", horizon);
    }

    public Duration getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(Duration connectTimeout) {
        this.connectTimeout = positive("connect-timeout", connectTimeout);
    }

    /** For the whole fetch, redirects included: a server that trickles its answer is cut off. */
    public Duration getTotalTimeout() {
        return totalTimeout;
    }

    public void setTotalTimeout(Duration totalTimeout) {
        this.totalTimeout = positive("total-timeout", totalTimeout);
    }

    public long getMaxBytes() {
        return maxBytes;
    }

    public void setMaxBytes(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    /**
     * Addresses that may be fetched although they are loopback, private or link-local: an
     * intranet calendar server, or 127.0.0.1 in tests. Everything else of that kind is refused,
     * so a feed URL cannot be used to reach the servers next to this one.
     */
    public List<String> getAllowedAddresses() {
        return allowedAddresses;
    }

    public void setAllowedAddresses(List<String> allowedAddresses) {
        this.allowedAddresses = allowedAddresses == null ? new ArrayList<>() : allowedAddresses;
    }

    private static Duration positive(String name, Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException("signage.feeds." + name + " must be longer than zero");
        }
        return value;
    }
}
