package dk.albertslund.signage.announcement;

import java.util.Collection;
import java.util.Map;

/**
 * Who sent a message in from outside the staff: the group behind a submission link, for
 * the approval queue's "Sent by the youth club via link". Answered by the submission
 * feature, which knows the links (docs/ARCHITECTURE.md, "When a lower feature needs to
 * know something from a higher one").
 */
public interface Senders {

    /** The actor of what a link's group does, in the audit log: this and the link's id. */
    String ACTOR_PREFIX = "submission-link:";

    /** The group's name for each of {@code announcementIds} that came through a link; the others are left out. */
    Map<Long, String> groups(Collection<Long> announcementIds);
}
