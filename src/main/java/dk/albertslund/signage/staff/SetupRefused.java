package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.ProblemException;

import java.util.List;

/**
 * Why a setup link cannot be used. The API shows the English sentence as a problem; the
 * setup page, read by someone who has not signed in yet, shows it in Danish too.
 */
public class SetupRefused extends ProblemException {

    public enum Reason {
        LINK_NOT_VALID(410, "Gone",
                "This setup link has already been used or has expired. Ask an administrator for a new one.",
                "Dette link er allerede brugt eller udløbet. Bed en administrator om et nyt."),
        STAFF_EXIST(403, "Forbidden",
                "Staff accounts already exist, so this link can no longer create the first administrator. Ask an administrator for an account.",
                "Der findes allerede medarbejderkonti, så dette link kan ikke længere oprette den første administrator. Bed en administrator om en konto."),
        ACCOUNT_DEACTIVATED(403, "Forbidden",
                "This account has been deactivated. Ask an administrator to reactivate it.",
                "Denne konto er deaktiveret. Bed en administrator om at genaktivere den.");

        final int status;
        final String title;
        final String english;
        final String danish;

        Reason(int status, String title, String english, String danish) {
            this.status = status;
            this.title = title;
            this.english = english;
            this.danish = danish;
        }
    }

    private final Reason reason;

    SetupRefused(Reason reason) {
        super(reason.status, reason.title, reason.english, List.of());
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
