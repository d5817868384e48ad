package dk.albertslund.signage.staff;

import dk.albertslund.signage.config.SignageConfiguration;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.Optional;
import dk.albertslund.signage.core.Secrets;
import dk.albertslund.signage.core.Sha256;

/**
 * One-time links: a random secret in the URL, only its SHA-256 in the database, an
 * expiry, and used at most once. The first administrator gets one, and so does every
 * invited staff member, to choose their own password.
 */
@Singleton
public class SetupLinks {

    public static final String FIRST_ADMIN = "first-admin";
    public static final String INVITE = "invite";

    private final JdbcOperations jdbc;
    private final SignageConfiguration configuration;
    private final Clock clock;

    SetupLinks(JdbcOperations jdbc, SignageConfiguration configuration, Clock clock) {
        this.jdbc = jdbc;
        this.configuration = configuration;
        this.clock = clock;
    }

    /** A valid, unused link: what it is for, and for an invitation whose account it sets up. */
    public record Link(String purpose, @Nullable Long staffUserId) {
    }

    @Transactional
    public String createFirstAdminLink() {
        return create(FIRST_ADMIN, null);
    }

    /** A link for an invited staff member to choose their password. */
    @Transactional
    public String createInvitation(long staffUserId) {
        // Only the newest link works: a new one is issued because the old one may have
        // gone astray, so the old one must stop working rather than wait to expire.
        jdbc.prepareStatement("UPDATE setup_token SET used_at = ? WHERE purpose = ? AND staff_user_id = ? AND used_at IS NULL", statement -> {
            statement.setTimestamp(1, Timestamp.from(clock.instant()));
            statement.setString(2, INVITE);
            statement.setLong(3, staffUserId);
            return statement.executeUpdate();
        });
        return create(INVITE, staffUserId);
    }

    private String create(String purpose, @Nullable Long staffUserId) {
        String token = Secrets.random();
        jdbc.prepareStatement("INSERT INTO setup_token (token_hash, purpose, staff_user_id, expires_at) VALUES (?, ?, ?, ?)", statement -> {
            statement.setString(1, Sha256.hex(token));
            statement.setString(2, purpose);
            if (staffUserId == null) {
                statement.setNull(3, Types.BIGINT);
            } else {
                statement.setLong(3, staffUserId);
            }
            statement.setTimestamp(4, Timestamp.from(clock.instant().plus(configuration.getSecurity().getSetupTokenTtl())));
            return statement.executeUpdate();
        });
        return configuration.getPublicUrl() + "/setup?token=" + token;
    }

    /**
     * The link behind a token if it can still be used. Unknown, used and expired tokens
     * all answer empty, so the caller cannot tell them apart.
     */
    @Transactional
    public Optional<Link> find(@Nullable String token) {
        if (!plausible(token)) {
            return Optional.empty();
        }
        return jdbc.prepareStatement("""
                SELECT purpose, staff_user_id FROM setup_token
                WHERE token_hash = ? AND used_at IS NULL AND expires_at > ?""", statement -> {
            statement.setString(1, Sha256.hex(token));
            statement.setTimestamp(2, Timestamp.from(clock.instant()));
            try (var rows = statement.executeQuery()) {
                if (!rows.next()) {
                    return Optional.empty();
                }
                long staffUserId = rows.getLong(2);
                return Optional.of(new Link(rows.getString(1), rows.wasNull() ? null : staffUserId));
            }
        });
    }

    /**
     * Marks the token used if it is valid for {@code purpose}: unknown, used and expired
     * tokens all answer false. The update is the single-use guarantee: of two requests
     * racing with one token, only one changes the row.
     */
    @Transactional
    public boolean consume(@Nullable String token, String purpose) {
        if (!plausible(token)) {
            return false;
        }
        return jdbc.prepareStatement("""
                UPDATE setup_token SET used_at = ? WHERE token_hash = ? AND purpose = ?
                AND used_at IS NULL AND expires_at > ?""", statement -> {
            Timestamp now = Timestamp.from(clock.instant());
            statement.setTimestamp(1, now);
            statement.setString(2, Sha256.hex(token));
            statement.setString(3, purpose);
            statement.setTimestamp(4, now);
            return statement.executeUpdate() == 1;
        });
    }

    private static boolean plausible(@Nullable String token) {
        return token != null && !token.isBlank() && token.length() <= 200;
    }
}
