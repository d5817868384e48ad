package dk.albertslund.signage.staff;

import dk.albertslund.signage.config.SignageConfiguration;
import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/** Checks a username and password, throttled per account and per address. */
@Singleton
public class LoginService {

    private static final Message REFUSED = Message.of("staff.login.refused");
    private static final Message LOCAL_FOR_ADMINS = Message.of("staff.login.localForAdminsOnly");

    private final StaffRepository staff;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;
    private final String dummyHash;
    private final boolean adminsOnly;

    LoginService(StaffRepository staff, PasswordHasher hasher, LoginThrottle throttle, SignageConfiguration configuration) {
        this.adminsOnly = configuration.getSecurity().localSignInForAdminsOnly();
        this.staff = staff;
        this.hasher = hasher;
        this.throttle = throttle;
        // A hash of a random password nobody knows, made with the same Argon2id settings as
        // real ones, so an unknown username costs the same work as a wrong password and the
        // answer's timing does not tell which usernames exist.
        this.dummyHash = hasher.hash(java.util.UUID.randomUUID().toString());
    }

    // Not @Transactional: the password hash takes a fifth of a second of CPU, and a
    // transaction would hold a pooled connection all that time; a burst of sign-ins then
    // starved every other request of connections. The one read needs none.
    public StaffUser authenticate(String username, String password, String address) {
        String account = username.strip().toLowerCase(Locale.ROOT);
        throttle.check(account, address);
        StaffUser user = staff.findByUsername(account).orElse(null);
        boolean ok;
        if (user == null || !user.active() || user.passwordHash() == null) {
            hasher.matches(password, dummyHash);
            ok = false;
        } else {
            ok = hasher.matches(password, user.passwordHash());
        }
        if (!ok) {
            throttle.failed(account, address);
            throw new ProblemException(401, "Unauthorized", REFUSED, List.of());
        }
        throttle.succeeded(account, address);
        if (adminsOnly && !StaffDirectory.roles(user).contains(Role.ADMIN)) {
            // signage.security.local-sign-in=admins: staff use their municipality's account;
            // told only to whoever knows the password, so it gives nothing away
            throw new ProblemException(403, "Forbidden", LOCAL_FOR_ADMINS, List.of());
        }
        return user;
    }
}
