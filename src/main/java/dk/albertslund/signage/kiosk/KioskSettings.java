package dk.albertslund.signage.kiosk;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Context;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import java.time.Duration;

/**
 * The {@code signage.kiosk.*} settings: pairing, device tokens and heartbeats. Kept next
 * to the kiosk code under the same {@code signage} tree, and checked at start-up like
 * the rest: a bad value stops the server with a message naming it.
 */
@Context
@ConfigurationProperties("signage.kiosk")
public class KioskSettings {

    static final Duration LONGEST_PAIRING = Duration.ofMinutes(10);

    @NotBlank
    private String serverName = "Campus Signage";
    private Duration pairingTtl = LONGEST_PAIRING;
    @Min(1)
    @Max(1000)
    private int openPairingsPerAddress = 10;
    @Min(1)
    @Max(1_000_000)
    private int openPairings = 1000;
    @Min(1)
    @Max(1000)
    private int codeFailuresPerAddressPerMinute = 5;
    @Min(1)
    @Max(100_000)
    private int codeFailuresPerMinute = 100;
    private Duration deviceCacheTtl = Duration.ofSeconds(5);
    private Duration offlineAfter = Duration.ofMinutes(3);

    /** The name a kiosk shows on its pairing screen. */
    public String getServerName() {
        return serverName;
    }

    public void setServerName(String serverName) {
        this.serverName = serverName;
    }

    /** How long a pairing code can be claimed: at most ten minutes, so a code on a screen is not worth guessing for long. */
    public Duration getPairingTtl() {
        return pairingTtl;
    }

    public void setPairingTtl(Duration pairingTtl) {
        this.pairingTtl = within("pairing-ttl", pairingTtl, Duration.ofMillis(100), LONGEST_PAIRING);
    }

    public int getOpenPairingsPerAddress() {
        return openPairingsPerAddress;
    }

    public void setOpenPairingsPerAddress(int openPairingsPerAddress) {
        this.openPairingsPerAddress = openPairingsPerAddress;
    }

    public int getOpenPairings() {
        return openPairings;
    }

    public void setOpenPairings(int openPairings) {
        this.openPairings = openPairings;
    }

    public int getCodeFailuresPerAddressPerMinute() {
        return codeFailuresPerAddressPerMinute;
    }

    public void setCodeFailuresPerAddressPerMinute(int codeFailuresPerAddressPerMinute) {
        this.codeFailuresPerAddressPerMinute = codeFailuresPerAddressPerMinute;
    }

    public int getCodeFailuresPerMinute() {
        return codeFailuresPerMinute;
    }

    public void setCodeFailuresPerMinute(int codeFailuresPerMinute) {
        this.codeFailuresPerMinute = codeFailuresPerMinute;
    }

    /**
     * How long a server trusts a device token it has checked before asking the database
     * again: the longest a revocation made through another server takes to reach this one.
     */
    public Duration getDeviceCacheTtl() {
        return deviceCacheTtl;
    }

    public void setDeviceCacheTtl(Duration deviceCacheTtl) {
        this.deviceCacheTtl = within("device-cache-ttl", deviceCacheTtl, Duration.ZERO, Duration.ofMinutes(1));
    }

    /** A screen is offline once no heartbeat has come for this long. */
    public Duration getOfflineAfter() {
        return offlineAfter;
    }

    public void setOfflineAfter(Duration offlineAfter) {
        this.offlineAfter = within("offline-after", offlineAfter, Duration.ofSeconds(1), Duration.ofDays(1));
    }

    private static Duration within(String name, Duration value, Duration least, Duration most) {
        if (value == null || value.compareTo(least) < 0 || value.compareTo(most) > 0) {
            throw new IllegalArgumentException("signage.kiosk." + name + " must be between " + least + " and " + most
                    + " (is " + value + ")");
        }
        return value;
    }
}
