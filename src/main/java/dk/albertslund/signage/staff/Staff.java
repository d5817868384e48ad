package dk.albertslund.signage.staff;

import java.util.Set;

/**
 * The signed-in staff member as the services see them: who, with which roles, for
 * which institutions. Every permission question is answered here, so the rules live
 * in one place.
 */
public record Staff(long id, String username, Set<Role> roles, Set<Long> institutionIds) {

    /** The name written to the audit log for changes made by the system itself. */
    public static final String SYSTEM = "system";

    public boolean isAdmin() {
        return roles.contains(Role.ADMIN);
    }

    public boolean canApprove() {
        return isAdmin() || roles.contains(Role.APPROVER);
    }

    /** May create and change content owned by this institution. */
    public boolean canEdit(long institutionId) {
        return isAdmin() || roles.contains(Role.EDITOR) && institutionIds.contains(institutionId);
    }

    /** May read content of this institution that is not yet public (drafts, submissions, rejections). */
    public boolean canSeeUnpublished(long institutionId) {
        return canApprove() || canEdit(institutionId);
    }
}
