package dk.albertslund.signage.core;

import java.util.Set;

/**
 * Changes heard on the database's change channel ({@link ContentChanges}): made through any
 * server on the database, this one included. What a cache kept in each server listens to,
 * so a change made through another server reaches it within moments rather than when the
 * cached answer runs out. {@code kinds} are the entity types (or "schedule"); it is empty
 * when the listener has just (re)connected and cannot know what it missed.
 */
public record ContentChangesHeard(Set<String> kinds) {

    public boolean mayConcern(Set<String> relevant) {
        return kinds.isEmpty() || kinds.stream().anyMatch(relevant::contains);
    }
}
