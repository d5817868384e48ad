package dk.albertslund.signage.playlist;

import dk.albertslund.signage.announcement.Announcement;
import dk.albertslund.signage.announcement.OnShow;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a playlist selects at one instant: its items in their order, then the
 * announcements its rule matches, each only while approved and inside its own publish
 * window [from, until) ({@link OnShow}), and each once. Plain Java: the caller brings the instant.
 */
public final class PlaylistSelection {

    private PlaylistSelection() {
    }

    /**
     * A playlist's rule with institutions resolved to ids. Values under one key are
     * alternatives; every key that has values must match. A rule with no values at all
     * selects nothing, so a playlist of items only stays exactly its items.
     */
    public record Rule(Set<String> categories, Set<Long> institutionIds, Set<String> tags) {

        public static final Rule NONE = new Rule(Set.of(), Set.of(), Set.of());

        public Rule {
            categories = Set.copyOf(categories);
            institutionIds = Set.copyOf(institutionIds);
            tags = Set.copyOf(tags);
        }

        public boolean isEmpty() {
            return categories.isEmpty() && institutionIds.isEmpty() && tags.isEmpty();
        }

        public boolean matches(Announcement announcement) {
            return !isEmpty()
                    && (categories.isEmpty() || categories.contains(announcement.category()))
                    && (institutionIds.isEmpty() || institutionIds.contains(announcement.institutionId()))
                    && (tags.isEmpty() || announcement.tags().stream().anyMatch(tags::contains));
        }
    }

    /**
     * @param items the playlist's announcements in their order
     * @param rule the playlist's rule
     * @param candidates announcements the rule may match, in any order; rule matches play
     *                   oldest first, so a new one joins the end of the loop
     */
    public static List<Announcement> select(List<Announcement> items, Rule rule, Collection<Announcement> candidates, Instant at) {
        List<Announcement> selected = new ArrayList<>();
        Set<Long> seen = new HashSet<>();
        for (Announcement item : items) {
            if (OnShow.at(item, at) && seen.add(item.id())) {
                selected.add(item);
            }
        }
        candidates.stream()
                .filter(rule::matches)
                .sorted(Comparator.comparing(Announcement::id))
                .filter(a -> OnShow.at(a, at) && seen.add(a.id()))
                .forEach(selected::add);
        return selected;
    }
}
