package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Message;
import com.password4j.Password;
import jakarta.inject.Singleton;

/** Argon2id password hashes in the PHC string format, from password4j. */
@Singleton
public class PasswordHasher {

    public static final int MIN_LENGTH = 10;

    public String hash(String password) {
        return Password.hash(password).addRandomSalt(16).withArgon2().getResult();
    }

    public boolean matches(String password, String hash) {
        return hash != null && Password.check(password, hash).withArgon2();
    }

    /** Why a new password is refused, or null when it is acceptable. */
    public static Message weakness(String password) {
        if (password == null || password.length() < MIN_LENGTH) {
            return Message.of("staff.password.tooShort", MIN_LENGTH);
        }
        if (password.length() > 200) {
            return Message.of("staff.password.tooLong", 200);
        }
        return null;
    }
}
