package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.Message;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Per-device token buckets for the kiosk's writing calls. A leaked or buggy device token sent
 * 5,000 heartbeats in 15 s and every one was stored; a kiosk sends one heartbeat every 60 s
 * and a plays batch every 30 s or when a batch fills (kiosk-client/js/session.js), so a small
 * burst (a reload, a retry after a network hiccup) and a refill well above that pace never
 * touch a healthy kiosk. Kept in memory, per server: one entry per paired device, so bounded
 * by the number of kiosks. With several servers a device gets each server's allowance, which
 * still caps it at a handful of writes a minute.
 */
@Singleton
class DeviceLimits {

    private record Key(String call, long deviceId) {
    }

    private static final class Bucket {
        private final int burst;
        private final long nanosPerToken;
        private double tokens;
        private long last;

        Bucket(int burst, long nanosPerToken, long now) {
            this.burst = burst;
            this.nanosPerToken = nanosPerToken;
            this.tokens = burst;
            this.last = now;
        }

        /** 0 when a token was taken, else the seconds until one is there. */
        synchronized long take(long now) {
            tokens = Math.min(burst, tokens + (double) (now - last) / nanosPerToken);
            last = now;
            if (tokens >= 1) {
                tokens -= 1;
                return 0;
            }
            return Math.max(1, (long) Math.ceil((1 - tokens) * nanosPerToken / 1e9));
        }
    }

    private final Map<Key, Bucket> buckets = new ConcurrentHashMap<>();
    private final int heartbeatBurst;
    private final long heartbeatEvery;
    private final int playsBurst;
    private final long playsEvery;

    DeviceLimits(@Value("${signage.kiosk.heartbeat-burst:3}") int heartbeatBurst,
                 @Value("${signage.kiosk.heartbeat-every-seconds:20}") int heartbeatEverySeconds,
                 @Value("${signage.kiosk.plays-burst:10}") int playsBurst,
                 @Value("${signage.kiosk.plays-every-seconds:5}") int playsEverySeconds) {
        this.heartbeatBurst = heartbeatBurst;
        this.heartbeatEvery = TimeUnit.SECONDS.toNanos(heartbeatEverySeconds);
        this.playsBurst = playsBurst;
        this.playsEvery = TimeUnit.SECONDS.toNanos(playsEverySeconds);
    }

    void heartbeat(KioskDevice device) {
        take("heartbeat", device, heartbeatBurst, heartbeatEvery);
    }

    void plays(KioskDevice device) {
        take("plays", device, playsBurst, playsEvery);
    }

    private void take(String call, KioskDevice device, int burst, long every) {
        long now = System.nanoTime();
        long wait = buckets.computeIfAbsent(new Key(call, device.id()), k -> new Bucket(burst, every, now)).take(now);
        if (wait > 0) {
            throw new TooManyRequests(Message.of("kiosk.device.tooMany", Long.toString(wait)), wait);
        }
    }
}
