package dk.albertslund.signage.staff;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Map;

/**
 * Sessions of the staff UI. A sign-in token is a stateless JWT that names its session;
 * signing out lists the session until the token would have expired, and this class is
 * what every signed-in request asks whether its account is active and its session open.
 */
@Singleton
public class SignOuts {

    /** The JWT claim naming the session; personal API tokens have none and never sign out. */
    public static final String SESSION_CLAIM = "sid";
    public static final String STAFF_ID_CLAIM = "staffId";
    public static final String NAME_CLAIM = "name";
    /**
     * When the session began, in epoch milliseconds: the JWT's own {@code iat} has whole
     * seconds only, too coarse to tell a session begun just before a password change from
     * the new one begun just after it.
     */
    static final String SESSION_STARTED_CLAIM = "sessionStarted";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final JdbcOperations jdbc;

    SignOuts(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** What a new sign-in token says about its holder, with a fresh session id. */
    public static Authentication newSession(StaffUser user) {
        byte[] id = new byte[16];
        RANDOM.nextBytes(id);
        Map<String, Object> claims = new HashMap<>();
        claims.put(STAFF_ID_CLAIM, user.id());
        claims.put(NAME_CLAIM, user.displayName());
        claims.put(SESSION_CLAIM, HexFormat.of().formatHex(id));
        claims.put(SESSION_STARTED_CLAIM, Instant.now().toEpochMilli());
        return Authentication.build(user.username(), user.roles(), claims);
    }

    @Transactional
    public void signOut(Authentication authentication, Instant tokenExpiresAt) {
        Object session = authentication.getAttributes().get(SESSION_CLAIM);
        if (session == null) {
            return;
        }
        jdbc.prepareStatement("INSERT INTO staff_sign_out (session_id, expires_at) VALUES (?, ?) ON CONFLICT DO NOTHING", statement -> {
            statement.setString(1, session.toString());
            statement.setTimestamp(2, Timestamp.from(tokenExpiresAt));
            return statement.executeUpdate();
        });
    }

    /**
     * Ends every sign-in session of an account issued until now, except {@code kept} (the
     * session that asked, or none): after a password change whoever learnt the old one is
     * out, and a deactivated account that is later reactivated does not get old sessions back.
     * Sessions are compared by when they began, to the millisecond.
     */
    @Transactional
    public void endSessions(long staffUserId, @Nullable Authentication kept) {
        // tokens are stamped by the system clock, not the campus Clock that tests move
        Instant now = Instant.now();
        @Nullable Object session = kept == null ? null : kept.getAttributes().get(SESSION_CLAIM);
        jdbc.prepareStatement("UPDATE staff_user SET sessions_ended_at = ?, session_kept = ? WHERE id = ?", statement -> {
            statement.setTimestamp(1, Timestamp.from(now));
            statement.setString(2, session == null ? null : session.toString());
            statement.setLong(3, staffUserId);
            return statement.executeUpdate();
        });
    }

    /**
     * The account exists and is active, and the request's session has been neither signed
     * out nor ended by a password change or deactivation. Personal API tokens carry no
     * session; they are revoked on their own.
     */
    @Transactional(readOnly = true)
    public boolean valid(Authentication authentication) {
        @Nullable Object session = authentication.getAttributes().get(SESSION_CLAIM);
        @Nullable Instant issued = session == null ? null : started(authentication);
        if (session != null && issued == null) {
            return false;
        }
        return jdbc.prepareStatement("""
                SELECT u.active AND NOT EXISTS (SELECT 1 FROM staff_sign_out o WHERE o.session_id = ?)
                  AND (?::timestamptz IS NULL OR u.sessions_ended_at IS NULL OR u.session_kept = ?
                       OR ?::timestamptz >= u.sessions_ended_at)
                FROM staff_user u WHERE u.username = ?
                """, statement -> {
            String sessionId = session == null ? "" : session.toString();
            Timestamp issuedAt = issued == null ? null : Timestamp.from(issued);
            statement.setString(1, sessionId);
            statement.setTimestamp(2, issuedAt);
            statement.setString(3, sessionId);
            statement.setTimestamp(4, issuedAt);
            statement.setString(5, authentication.getName());
            try (var rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        });
    }

    /** When the session began: its own claim, or for a token made before there was one, its {@code iat}. */
    @Nullable
    private static Instant started(Authentication authentication) {
        Object started = authentication.getAttributes().get(SESSION_STARTED_CLAIM);
        if (started instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return StrictJwtClaimsValidator.instant(authentication.getAttributes().get("iat"));
    }
}
