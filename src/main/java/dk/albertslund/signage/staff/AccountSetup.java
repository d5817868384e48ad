package dk.albertslund.signage.staff;

import dk.albertslund.signage.core.FieldErrors;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * What a one-time setup link does: the first administrator creates their own account,
 * an invited staff member chooses their password. The link is checked first, then the
 * input, and only a complete success uses the link up, so a typo does not burn it.
 */
@Singleton
public class AccountSetup {

    private final SetupLinks links;
    private final StaffService staff;
    private final StaffRepository accounts;
    private final StaffDirectory directory;

    AccountSetup(SetupLinks links, StaffService staff, StaffRepository accounts, StaffDirectory directory) {
        this.links = links;
        this.staff = staff;
        this.accounts = accounts;
        this.directory = directory;
    }

    /** What the link is for: a first administrator, or the invited account (whose names are then shown). */
    public record Purpose(boolean invitation, @Nullable String username, @Nullable String displayName) {
    }

    /** The account a completed setup made ready, and whether it came from an invitation. */
    public record Completed(StaffUser user, boolean invitation) {
    }

    /** The purpose of a usable link, or the reason it cannot be used. */
    @Transactional
    public Purpose open(@Nullable String token) {
        SetupLinks.Link link = links.find(token).orElseThrow(() -> new SetupRefused(SetupRefused.Reason.LINK_NOT_VALID));
        if (link.purpose().equals(SetupLinks.FIRST_ADMIN)) {
            if (staff.anyExists()) {
                throw new SetupRefused(SetupRefused.Reason.STAFF_EXIST);
            }
            return new Purpose(false, null, null);
        }
        StaffUser invited = invited(link);
        return new Purpose(true, invited.username(), invited.displayName());
    }

    /**
     * Completes the setup: creates the first administrator from the given names, or sets
     * the invited account's password (the names are then ignored). {@code repeat} must
     * equal {@code password}.
     */
    @Transactional
    public Completed complete(@Nullable String token, @Nullable String username, @Nullable String displayName,
                              @Nullable String password, @Nullable String repeat) {
        // Two first-admin links used at the same moment must not both find "no staff yet".
        directory.lockAdministrators();
        SetupLinks.Link link = links.find(token).orElseThrow(() -> new SetupRefused(SetupRefused.Reason.LINK_NOT_VALID));
        FieldErrors errors = new FieldErrors();
        if (password == null || PasswordHasher.weakness(password) != null) {
            errors.add("password", PasswordHasher.weakness(password));
        } else if (!Objects.equals(password, repeat)) {
            errors.add("repeat", "staff.password.repeat");
        }
        StaffUser user;
        if (link.purpose().equals(SetupLinks.FIRST_ADMIN)) {
            if (staff.anyExists()) {
                throw new SetupRefused(SetupRefused.Reason.STAFF_EXIST);
            }
            String name = username == null ? "" : username.strip().toLowerCase(java.util.Locale.ROOT);
            user = staff.create(name, username, displayName, errors.has("password") ? null : password,
                    EnumSet.of(Role.ADMIN), Set.of(), errors);
        } else {
            user = invited(link);
            errors.throwIfAny();
            staff.setInvitedPassword(user, password);
        }
        if (!links.consume(token, link.purpose())) {
            throw new SetupRefused(SetupRefused.Reason.LINK_NOT_VALID);
        }
        return new Completed(user, link.purpose().equals(SetupLinks.INVITE));
    }

    private StaffUser invited(SetupLinks.Link link) {
        StaffUser user = accounts.findById(Objects.requireNonNull(link.staffUserId()))
                .orElseThrow(() -> new SetupRefused(SetupRefused.Reason.LINK_NOT_VALID));
        if (!user.active()) {
            throw new SetupRefused(SetupRefused.Reason.ACCOUNT_DEACTIVATED);
        }
        return user;
    }
}
