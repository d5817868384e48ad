package dk.albertslund.signage.staff;

import dk.albertslund.signage.audit.AuditLog;
import dk.albertslund.signage.web.FieldErrors;
import dk.albertslund.signage.web.ProblemException;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** Creates and changes staff accounts. */
@Singleton
public class StaffService {

    private static final Pattern USERNAME = Pattern.compile("[a-z0-9][a-z0-9._@-]{1,63}");

    private final StaffRepository staff;
    private final StaffDirectory directory;
    private final PasswordHasher hasher;
    private final AuditLog audit;

    StaffService(StaffRepository staff, StaffDirectory directory, PasswordHasher hasher, AuditLog audit) {
        this.staff = staff;
        this.directory = directory;
        this.hasher = hasher;
        this.audit = audit;
    }

    /** A new account; {@code password} may be null for an invited user who sets it later. */
    @Transactional
    public StaffUser create(String actor, String username, String displayName, String password,
                            Set<Role> roles, Set<Long> institutionIds) {
        String name = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
        FieldErrors errors = new FieldErrors();
        if (!USERNAME.matcher(name).matches()) {
            errors.add("username", "must be 2–64 characters: lowercase letters, digits, . _ @ -");
        }
        if (displayName == null || displayName.isBlank() || displayName.length() > 120) {
            errors.add("displayName", "must be between 1 and 120 characters");
        }
        if (password != null && PasswordHasher.weakness(password) != null) {
            errors.add("password", PasswordHasher.weakness(password));
        }
        if (roles.isEmpty()) {
            errors.add("roles", "must name at least one of admin, approver, editor, viewer");
        }
        if (roles.contains(Role.EDITOR) && institutionIds.isEmpty()) {
            errors.add("institutions", "an editor needs at least one institution");
        }
        errors.throwIfAny();
        if (staff.findByUsername(name).isPresent()) {
            throw ProblemException.conflict("A staff member with the username '" + name + "' already exists.");
        }
        StaffUser user = staff.save(new StaffUser(null, name, displayName.strip(),
                password == null ? null : hasher.hash(password),
                roles.stream().map(r -> r.name().toLowerCase(Locale.ROOT)).sorted().toList(), true, null, null));
        directory.setInstitutions(user.id(), institutionIds);
        audit.record(actor, "staff_user", user.id(), "create", null,
                new StaffView(user.username(), user.displayName(), user.roles(), List.copyOf(institutionIds), true));
        return user;
    }

    @Transactional
    public boolean anyExists() {
        return staff.count() > 0;
    }

    /** What the audit log keeps of an account: never the password hash. */
    @io.micronaut.serde.annotation.Serdeable
    record StaffView(String username, String displayName, List<String> roles, List<Long> institutionIds, boolean active) {
    }
}
