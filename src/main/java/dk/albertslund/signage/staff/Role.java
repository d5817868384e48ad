package dk.albertslund.signage.staff;

import io.micronaut.core.annotation.Nullable;

import java.util.Locale;
import java.util.Optional;

/**
 * What a staff member may do. Editors work on their own institutions' content;
 * approvers approve for the whole campus; admins run the system; viewers look.
 */
public enum Role {
    ADMIN, APPROVER, EDITOR, VIEWER;

    /** The role with this name in any letter case (as stored: lowercase), if there is one. */
    public static Optional<Role> parse(@Nullable String name) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(name == null ? "" : name.strip())) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    /** The name as stored and shown in the API. */
    public String storedName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
