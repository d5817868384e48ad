package dk.albertslund.signage.announcement;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where an announcement is on its way to the screens. Only an approved announcement
 * inside its publish window may ever reach a screen, so every way into {@link #APPROVED}
 * goes through an approver, and every change of content leads back out of it.
 */
public enum AnnouncementStatus {
    DRAFT("a draft"),
    SUBMITTED("submitted"),
    APPROVED("approved"),
    REJECTED("rejected"),
    ARCHIVED("archived");

    /** What staff can do to an announcement. DELETE only asks whether it may go; nothing is left to have a status. */
    public enum Action { SUBMIT, APPROVE, REJECT, ARCHIVE, EDIT, DELETE }

    /** An action that the announcement's status does not allow; the message says why. */
    public static final class IllegalTransition extends RuntimeException {
        IllegalTransition(String message) {
            super(message, null, false, false);
        }
    }

    private record Rule(Set<AnnouncementStatus> from, AnnouncementStatus to, String refusal) {
    }

    private static final Map<Action, Rule> RULES = new EnumMap<>(Action.class);

    static {
        RULES.put(Action.SUBMIT, new Rule(EnumSet.of(DRAFT), SUBMITTED,
                "Only a draft can be submitted; this one is %s."));
        RULES.put(Action.APPROVE, new Rule(EnumSet.of(SUBMITTED), APPROVED,
                "Only a submitted announcement can be approved; this one is %s."));
        RULES.put(Action.REJECT, new Rule(EnumSet.of(SUBMITTED), REJECTED,
                "Only a submitted announcement can be rejected; this one is %s."));
        RULES.put(Action.ARCHIVE, new Rule(EnumSet.of(DRAFT, APPROVED, REJECTED), ARCHIVED,
                "Only a draft, approved or rejected announcement can be archived; this one is %s."));
        // Changed content has not been approved, whatever its status was: only approved
        // content inside its window may ever reach a screen, so an edit of a submitted,
        // approved or rejected announcement makes it a draft that must be submitted and
        // approved again.
        RULES.put(Action.EDIT, new Rule(EnumSet.of(DRAFT, SUBMITTED, APPROVED, REJECTED), DRAFT,
                "An archived announcement can no longer be edited."));
        // Anything that has been submitted may have been seen by an approver or shown on a
        // screen; it is archived rather than deleted, so what happened stays on record.
        RULES.put(Action.DELETE, new Rule(EnumSet.of(DRAFT), DRAFT,
                "Only a draft can be deleted; this one is %s."));
    }

    private final String described;

    AnnouncementStatus(String described) {
        this.described = described;
    }

    /** The status after {@code action}, or an {@link IllegalTransition} saying why not. */
    public AnnouncementStatus apply(Action action) {
        Rule rule = RULES.get(action);
        if (!rule.from().contains(this)) {
            throw new IllegalTransition(String.format(Locale.ROOT, rule.refusal(), described));
        }
        return rule.to();
    }

    /** As stored in the database and shown in the API. */
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AnnouncementStatus> parse(String value) {
        for (AnnouncementStatus status : values()) {
            if (status.value().equals(value)) {
                return Optional.of(status);
            }
        }
        return Optional.empty();
    }

    /** Read by every staff member; drafts, submissions and rejections only by those who work on them. */
    public boolean isVisibleToAllStaff() {
        return this == APPROVED || this == ARCHIVED;
    }
}
