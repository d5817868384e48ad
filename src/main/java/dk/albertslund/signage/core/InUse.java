package dk.albertslund.signage.core;


import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Things that still refer to something about to be deleted, e.g. the schedule entries
 * of a playlist. The database would silently delete those entries or clear those
 * defaults; staff are told instead, by name, so they decide.
 *
 * @param singular how one of them is called, e.g. "schedule entry"
 * @param plural how several are called, e.g. "schedule entries"
 * @param slugs which ones; none means nothing of this kind refers to it
 */
public record InUse(String singular, String plural, List<String> slugs) {

    /** Refuses (409) deleting {@code thing}, e.g. "The playlist 'jul'", while any use names something. */
    public static void refuseDeleting(String thing, List<InUse> uses) {
        List<String> parts = new ArrayList<>();
        for (InUse use : uses) {
            if (!use.slugs().isEmpty()) {
                parts.add((use.slugs().size() == 1 ? use.singular() : use.plural()) + " "
                        + use.slugs().stream().map(s -> "'" + s + "'").collect(Collectors.joining(", ")));
            }
        }
        if (!parts.isEmpty()) {
            throw ProblemException.conflict(thing + " is still in use: " + String.join("; ", parts)
                    + ". Change or delete those first.");
        }
    }
}
