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

    /** The account exists and is active, and the request's session has not been signed out. */
    @Transactional(readOnly = true)
    public boolean valid(Authentication authentication) {
        @Nullable Object session = authentication.getAttributes().get(SESSION_CLAIM);
        return jdbc.prepareStatement("""
                SELECT u.active AND NOT EXISTS (SELECT 1 FROM staff_sign_out o WHERE o.session_id = ?)
                FROM staff_user u WHERE u.username = ?
                """, statement -> {
            statement.setString(1, session == null ? "" : session.toString());
            statement.setString(2, authentication.getName());
            try (var rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        });
    }
}
