package dk.albertslund.signage.staff;

import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Base64;
import java.util.HexFormat;

/**
 * One-time links: a random secret in the URL, only its SHA-256 in the database, an
 * expiry, and used at most once.
 */
@Singleton
public class SetupLinks {

    public static final String FIRST_ADMIN = "first-admin";

    private final JdbcOperations jdbc;
    private final SignageConfiguration configuration;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    SetupLinks(JdbcOperations jdbc, SignageConfiguration configuration, Clock clock) {
        this.jdbc = jdbc;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Transactional
    public String createFirstAdminLink() {
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        jdbc.prepareStatement("INSERT INTO setup_token (token_hash, purpose, expires_at) VALUES (?, ?, ?)", statement -> {
            statement.setString(1, sha256(token));
            statement.setString(2, FIRST_ADMIN);
            statement.setTimestamp(3, Timestamp.from(clock.instant().plus(configuration.getSecurity().getSetupTokenTtl())));
            return statement.executeUpdate();
        });
        return configuration.getPublicUrl() + "/setup?token=" + token;
    }

    /**
     * Marks the token used if it is valid for {@code purpose}: unknown, used and expired
     * tokens all answer false, so the caller cannot tell them apart.
     */
    @Transactional
    public boolean consume(String token, String purpose) {
        if (token == null || token.isBlank() || token.length() > 200) {
            return false;
        }
        return jdbc.prepareStatement("""
                UPDATE setup_token SET used_at = ? WHERE token_hash = ? AND purpose = ?
                AND used_at IS NULL AND expires_at > ?""", statement -> {
            Timestamp now = Timestamp.from(clock.instant());
            statement.setTimestamp(1, now);
            statement.setString(2, sha256(token));
            statement.setString(3, purpose);
            statement.setTimestamp(4, now);
            return statement.executeUpdate() == 1;
        });
    }

    static String sha256(String value) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
