package dk.albertslund.signage.staff;

/**
 * What a staff member may do. Editors work on their own institutions' content;
 * approvers approve for the whole campus; admins run the system; viewers look.
 */
public enum Role {
    ADMIN, APPROVER, EDITOR, VIEWER
}
