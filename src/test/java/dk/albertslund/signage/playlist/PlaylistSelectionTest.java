package dk.albertslund.signage.playlist;

import dk.albertslund.signage.announcement.Announcement;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import dk.albertslund.signage.announcement.AnnouncementStatus;

class PlaylistSelectionTest {

    private static final Instant NOW = Instant.parse("2026-12-10T12:00:00Z");
    private static final long LIBRARY = 1;
    private static final long MUSIC_SCHOOL = 2;

    private static Announcement announcement(long id, String slug, long institutionId, String category, List<String> tags,
                                             String status, Instant from, Instant until) {
        return new Announcement(id, slug, institutionId, slug, "", "", "da", List.of(), category, tags, null, from, until, 10,
                AnnouncementStatus.parse(status).orElseThrow(), null, null, null, null, null);
    }

    private static Announcement approved(long id, String slug, long institutionId, String category, String... tags) {
        return announcement(id, slug, institutionId, category, List.of(tags), "approved", null, null);
    }

    private static List<String> slugs(List<Announcement> announcements) {
        return announcements.stream().map(Announcement::slug).toList();
    }

    @Test
    void items_play_in_their_order_then_rule_matches_oldest_first() {
        Announcement lektiecafe = approved(5, "lektiecafe", LIBRARY, "education");
        Announcement gaming = approved(3, "gaming", LIBRARY, "youth");
        Announcement klubaften = approved(9, "klubaften", MUSIC_SCHOOL, "youth");
        Announcement hiphop = approved(7, "hiphop", MUSIC_SCHOOL, "youth");
        PlaylistSelection.Rule youth = new PlaylistSelection.Rule(Set.of("youth"), Set.of(), Set.of());

        List<Announcement> selected = PlaylistSelection.select(List.of(lektiecafe, gaming), youth,
                List.of(klubaften, gaming, hiphop, lektiecafe), NOW);

        assertThat(slugs(selected)).containsExactly("lektiecafe", "gaming", "hiphop", "klubaften");
    }

    @Test
    void an_announcement_that_is_an_item_and_a_rule_match_plays_once_in_its_item_place() {
        Announcement gaming = approved(3, "gaming", LIBRARY, "youth");
        Announcement hiphop = approved(7, "hiphop", MUSIC_SCHOOL, "youth");
        PlaylistSelection.Rule youth = new PlaylistSelection.Rule(Set.of("youth"), Set.of(), Set.of());

        List<Announcement> selected = PlaylistSelection.select(List.of(hiphop, hiphop), youth, List.of(gaming, hiphop), NOW);

        assertThat(slugs(selected)).containsExactly("hiphop", "gaming");
    }

    @Test
    void only_approved_announcements_inside_their_publish_window_are_selected() {
        Instant from = Instant.parse("2026-12-10T12:00:00Z");
        Announcement startsNow = announcement(1, "starts-now", LIBRARY, "culture", List.of(), "approved", from, null);
        Announcement endsNow = announcement(2, "ends-now", LIBRARY, "culture", List.of(), "approved", null, NOW);
        Announcement later = announcement(3, "later", LIBRARY, "culture", List.of(), "approved", NOW.plusSeconds(1), null);
        Announcement draft = announcement(4, "draft", LIBRARY, "culture", List.of(), "draft", null, null);
        Announcement submitted = announcement(5, "submitted", LIBRARY, "culture", List.of(), "submitted", null, null);
        Announcement running = announcement(6, "running", LIBRARY, "culture", List.of(), "approved",
                NOW.minusSeconds(60), NOW.plusSeconds(60));
        PlaylistSelection.Rule culture = new PlaylistSelection.Rule(Set.of("culture"), Set.of(), Set.of());

        List<Announcement> selected = PlaylistSelection.select(List.of(draft, endsNow, startsNow), culture,
                List.of(later, submitted, running), NOW);

        assertThat(slugs(selected)).containsExactly("starts-now", "running");
    }

    @Test
    void every_key_of_a_rule_must_match_and_values_under_one_key_are_alternatives() {
        Announcement libraryHomework = approved(1, "library-homework", LIBRARY, "education", "lektier");
        Announcement libraryConcert = approved(2, "library-concert", LIBRARY, "culture", "lektier");
        Announcement schoolHomework = approved(3, "school-homework", MUSIC_SCHOOL, "education", "homework", "eksempel");
        Announcement untagged = approved(4, "untagged", MUSIC_SCHOOL, "education");
        PlaylistSelection.Rule rule = new PlaylistSelection.Rule(Set.of("education", "youth"), Set.of(LIBRARY, MUSIC_SCHOOL),
                Set.of("lektier", "homework"));

        List<Announcement> selected = PlaylistSelection.select(List.of(), rule,
                List.of(libraryHomework, libraryConcert, schoolHomework, untagged), NOW);

        assertThat(slugs(selected)).containsExactly("library-homework", "school-homework");
    }

    @Test
    void a_rule_by_institution_alone_selects_everything_that_institution_publishes() {
        Announcement concert = approved(1, "concert", MUSIC_SCHOOL, "culture");
        Announcement signup = approved(2, "signup", MUSIC_SCHOOL, "education");
        Announcement library = approved(3, "library", LIBRARY, "culture");
        PlaylistSelection.Rule rule = new PlaylistSelection.Rule(Set.of(), Set.of(MUSIC_SCHOOL), Set.of());

        assertThat(slugs(PlaylistSelection.select(List.of(), rule, List.of(library, signup, concert), NOW)))
                .containsExactly("concert", "signup");
    }

    @Test
    void an_empty_rule_selects_nothing_so_a_playlist_of_items_stays_its_items() {
        Announcement item = approved(1, "item", LIBRARY, "practical");
        Announcement other = approved(2, "other", LIBRARY, "practical");

        assertThat(slugs(PlaylistSelection.select(List.of(item), PlaylistSelection.Rule.NONE, List.of(item, other), NOW)))
                .containsExactly("item");
        assertThat(PlaylistSelection.select(List.of(), PlaylistSelection.Rule.NONE, List.of(other), NOW)).isEmpty();
    }
}
