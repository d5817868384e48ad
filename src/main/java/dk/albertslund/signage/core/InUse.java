package dk.albertslund.signage.core;


import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Things that still refer to something about to be deleted, e.g. the schedule entries
 * of a playlist. The database would silently delete those entries or clear those
 * defaults; staff are told instead, by name, so they decide.
 *
 * @param singular the message key naming one of them, e.g. {@code inUse.scheduleEntry} "schedule entry {0}"
 * @param plural the message key naming several, e.g. {@code inUse.scheduleEntries} "schedule entries {0}"
 * @param slugs which ones; none means nothing of this kind refers to it
 */
public record InUse(String singular, String plural, List<String> slugs) {

    /**
     * Refuses (409) deleting what {@code slug} names while any use names something;
     * {@code refusal} is the message key, e.g. {@code playlist.inUse} "The playlist '{0}' is still in use: {1}. …".
     */
    public static void refuseDeleting(String refusal, String slug, List<InUse> uses) {
        List<Message> parts = new ArrayList<>();
        for (InUse use : uses) {
            if (!use.slugs().isEmpty()) {
                parts.add(Message.of(use.slugs().size() == 1 ? use.singular() : use.plural(),
                        use.slugs().stream().map(s -> "'" + s + "'").collect(Collectors.joining(", "))));
            }
        }
        if (!parts.isEmpty()) {
            throw ProblemException.conflict(refusal, slug, Message.joined("list.semicolon", parts));
        }
    }
}
