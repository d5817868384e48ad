package dk.albertslund.signage.core;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets handed out once (setup links, API tokens, kiosk device tokens): 32 random bytes, URL-safe.
 * Only their SHA-256 ({@link Sha256#hex(String)}) is stored; a fast hash is enough because the
 * secret itself has 256 bits of randomness, unlike a password.
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    public static String random() {
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }
}
