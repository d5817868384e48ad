package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.Problem;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * The model of {@code views/setup.hbs}: one of the form, the confirmation or the
 * refusal. The password is never put back into the page.
 */
public record SetupPage(
        boolean showForm,
        boolean done,
        boolean refused,
        boolean invitation,
        @Nullable String token,
        @Nullable String username,
        @Nullable String displayName,
        @Nullable String usernameError,
        @Nullable String displayNameError,
        @Nullable String passwordError,
        @Nullable String repeatError,
        @Nullable String refusalDanish,
        @Nullable String refusalEnglish,
        String signInUrl) {

    static SetupPage form(String token, AccountSetup.Purpose purpose, String signInUrl) {
        return new SetupPage(true, false, false, purpose.invitation(), token, purpose.username(), purpose.displayName(),
                null, null, null, null, null, null, signInUrl);
    }

    /** The form again with what was typed (but not the password) and each message beside its field. */
    static SetupPage invalid(String token, AccountSetup.Purpose purpose, @Nullable String username,
                             @Nullable String displayName, List<Problem.FieldError> errors, String signInUrl) {
        return new SetupPage(true, false, false, purpose.invitation(), token,
                purpose.invitation() ? purpose.username() : username,
                purpose.invitation() ? purpose.displayName() : displayName,
                message(errors, "username"), message(errors, "displayName"), message(errors, "password"),
                message(errors, "repeat"), null, null, signInUrl);
    }

    static SetupPage done(StaffUser user, String signInUrl) {
        return new SetupPage(false, true, false, false, null, user.username(), user.displayName(),
                null, null, null, null, null, null, signInUrl);
    }

    static SetupPage refused(SetupRefused.Reason reason, String signInUrl) {
        return new SetupPage(false, false, true, false, null, null, null,
                null, null, null, null, reason.message.in("da"), reason.message.english(), signInUrl);
    }

    /** The page is in both languages, but says what is wrong with a field as the API does, in English. */
    private static String message(List<Problem.FieldError> errors, String field) {
        Message message = Problem.messageFor(errors, field);
        return message == null ? null : message.english();
    }
}
