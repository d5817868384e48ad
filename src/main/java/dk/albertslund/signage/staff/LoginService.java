package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;

/** Checks a username and password, throttled per account and per address. */
@Singleton
public class LoginService {

    private static final Message REFUSED = Message.of("staff.login.refused");

    private final StaffRepository staff;
    private final PasswordHasher hasher;
    private final LoginThrottle throttle;

    LoginService(StaffRepository staff, PasswordHasher hasher, LoginThrottle throttle) {
        this.staff = staff;
        this.hasher = hasher;
        this.throttle = throttle;
    }

    @Transactional
    public StaffUser authenticate(String username, String password, String address) {
        String account = username.strip().toLowerCase(Locale.ROOT);
        throttle.check(account, address);
        StaffUser user = staff.findByUsername(account).orElse(null);
        boolean ok = user != null && user.active() && hasher.matches(password, user.passwordHash());
        if (!ok) {
            throttle.failed(account, address);
            throw new ProblemException(401, "Unauthorized", REFUSED, List.of());
        }
        throttle.succeeded(account);
        return user;
    }
}
