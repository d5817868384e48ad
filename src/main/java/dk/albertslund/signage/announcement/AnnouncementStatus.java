package dk.albertslund.signage.announcement;

import dk.albertslund.signage.core.Message;
import dk.albertslund.signage.core.StoredValue;

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
public enum AnnouncementStatus implements StoredValue {
    DRAFT("announcement.status.isDraft"),
    SUBMITTED("announcement.status.isSubmitted"),
    APPROVED("announcement.status.isApproved"),
    REJECTED("announcement.status.isRejected"),
    ARCHIVED("announcement.status.isArchived");

    /** What staff can do to an announcement. DELETE only asks whether it may go; nothing is left to have a status. */
    public enum Action { SUBMIT, APPROVE, REJECT, ARCHIVE, EDIT, DELETE }

    /** An action that the announcement's status does not allow; the message says why. */
    public static final class IllegalTransition extends RuntimeException {

        private final Message message;

        IllegalTransition(Message message) {
            super(message.english(), null, false, false);
            this.message = message;
        }

        public Message message() {
            return message;
        }
    }

    /** {@code refusal} is the message key of why not, with the current status as its argument. */
    private record Rule(Set<AnnouncementStatus> from, AnnouncementStatus to, String refusal) {
    }

    private static final Map<Action, Rule> RULES = new EnumMap<>(Action.class);

    static {
        RULES.put(Action.SUBMIT, new Rule(EnumSet.of(DRAFT), SUBMITTED,
                "announcement.refused.submit"));
        RULES.put(Action.APPROVE, new Rule(EnumSet.of(SUBMITTED), APPROVED,
                "announcement.refused.approve"));
        RULES.put(Action.REJECT, new Rule(EnumSet.of(SUBMITTED), REJECTED,
                "announcement.refused.reject"));
        RULES.put(Action.ARCHIVE, new Rule(EnumSet.of(DRAFT, APPROVED, REJECTED), ARCHIVED,
                "announcement.refused.archive"));
        // Changed content has not been approved, whatever its status was: only approved
        // content inside its window may ever reach a screen, so an edit of a submitted,
        // approved or rejected announcement makes it a draft that must be submitted and
        // approved again.
        RULES.put(Action.EDIT, new Rule(EnumSet.of(DRAFT, SUBMITTED, APPROVED, REJECTED), DRAFT,
                "announcement.refused.edit"));
        // Anything that has been submitted may have been seen by an approver or shown on a
        // screen; it is archived rather than deleted, so what happened stays on record.
        RULES.put(Action.DELETE, new Rule(EnumSet.of(DRAFT), DRAFT,
                "announcement.refused.delete"));
    }

    /** The message key of "this one is …": the status in words. */
    private final String described;

    AnnouncementStatus(String described) {
        this.described = described;
    }

    /** The status after {@code action}, or an {@link IllegalTransition} saying why not. */
    public AnnouncementStatus apply(Action action) {
        Rule rule = RULES.get(action);
        if (!rule.from().contains(this)) {
            throw new IllegalTransition(Message.of(rule.refusal(), Message.of(described)));
        }
        return rule.to();
    }

    @Override
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<AnnouncementStatus> parse(String value) {
        return StoredValue.parse(AnnouncementStatus.class, value);
    }

    /** Read by every staff member; drafts, submissions and rejections only by those who work on them. */
    public boolean isVisibleToAllStaff() {
        return this == APPROVED || this == ARCHIVED;
    }
}
