package dk.albertslund.signage.announcement;

import java.util.List;

/**
 * The places a writer can aim a message at: all of campus, or a group of screens (the
 * station, the library, the schools ...). Each is a tag on the message that the places'
 * playlists take by rule (docs/MESSAGES.md), so an approved message shows there without
 * anyone adding it by hand. Answered by the screen feature, which knows the groups.
 */
public interface Audiences {

    /** The tag for "all of campus": every place's standard playlist takes it. */
    String CAMPUS = "campus";

    /** A group of screens as a writer picks it: its tag (the group's slug) and its name. */
    record Audience(String tag, String name) {
    }

    /** Every group of screens, by name. */
    List<Audience> groups();
}
