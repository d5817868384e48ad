package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.ProblemException;

import java.util.List;

/**
 * Why a setup link cannot be used. The API shows the English sentence as a problem; the
 * setup page, read by someone who has not signed in yet, shows it in Danish and English.
 */
public class SetupRefused extends ProblemException {

    public enum Reason {
        LINK_NOT_VALID(410, "Gone", "staff.setup.linkNotValid"),
        STAFF_EXIST(403, "Forbidden", "staff.setup.staffExist"),
        ACCOUNT_DEACTIVATED(403, "Forbidden", "staff.setup.deactivated");

        final int status;
        final String title;
        final Message message;

        Reason(int status, String title, String key) {
            this.status = status;
            this.title = title;
            this.message = Message.of(key);
        }
    }

    private final Reason reason;

    SetupRefused(Reason reason) {
        super(reason.status, reason.title, reason.message, List.of());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
