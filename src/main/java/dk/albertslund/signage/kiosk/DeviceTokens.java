package dk.albertslund.signage.kiosk;

import dk.albertslund.signage.core.Secrets;
import io.micronaut.core.annotation.Nullable;

/**
 * Device tokens: {@code sgd_} and 256 random bits. The prefix tells them apart from staff
 * tokens before any lookup (and makes a leaked one easy to spot); only the SHA-256 of a
 * token is stored.
 */
final class DeviceTokens {

    static final String PREFIX = "sgd_";
    private static final int LENGTH = PREFIX.length() + 43;

    private DeviceTokens() {
    }

    static String create() {
        return PREFIX + Secrets.random();
    }

    static boolean looksLikeOne(@Nullable String token) {
        return token != null && token.length() == LENGTH && token.startsWith(PREFIX);
    }

    /** The token from an {@code Authorization: Bearer ...} header, if it is shaped like a device token. */
    @Nullable
    static String fromAuthorization(@Nullable String header) {
        if (header == null || header.length() != "Bearer ".length() + LENGTH
                || !header.regionMatches(true, 0, "Bearer ", 0, "Bearer ".length())) {
            return null;
        }
        String token = header.substring("Bearer ".length());
        return looksLikeOne(token) ? token : null;
    }
}
