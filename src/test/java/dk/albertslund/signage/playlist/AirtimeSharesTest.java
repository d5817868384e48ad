package dk.albertslund.signage.playlist;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The rotation by airtime shares, played for a simulated hour the way a kiosk repeats its loop. */
class AirtimeSharesTest {

    private static final long SCHOOLS = 1;
    private static final long LIBRARY = 2;
    private static final long CULTURE = 3;
    private static final long YOUTH = 4;

    /** The worst distance from intended seen, in longest slides: at the hour's end, and at any slide's end within it. */
    private static final double[] WORST = {0, 0};

    @AfterAll
    static void report() {
        System.out.printf("airtime off by at most %.3f slide at the hour's end, %.3f slide at any slide's end%n", WORST[0], WORST[1]);
    }

    record Msg(String title, long institution, int seconds) {
    }

    private static AirtimeShares.Rotation rotate(List<Msg> messages, Map<Long, Integer> percents) {
        return AirtimeShares.rotate(messages, Msg::institution, Msg::seconds, percents);
    }

    /** What an hour of the loop, repeated as the kiosk does, gives each institution, in seconds. */
    record Hour(Map<Long, Long> seconds, long total, List<Msg> played) {
    }

    private static Hour playHour(List<Msg> messages, AirtimeShares.Rotation rotation) {
        Map<Long, Long> seconds = new HashMap<>();
        List<Msg> played = new ArrayList<>();
        long total = 0;
        int longest = messages.stream().mapToInt(Msg::seconds).max().orElseThrow();
        for (int i = 0; total < 3600; i = (i + 1) % rotation.turns().size()) {
            for (AirtimeShares.Share share : rotation.shares()) {
                double off = Math.abs(seconds.getOrDefault(share.institutionId(), 0L) - share.effective() * total);
                // within the hour the rule against runs may cost a little more than one slide for a moment
                assertThat(off).as("institution %d after %d s", share.institutionId(), total).isLessThanOrEqualTo(2 * longest);
                WORST[1] = Math.max(WORST[1], off / longest);
            }
            Msg m = messages.get(rotation.turns().get(i));
            int shown = (int) Math.min(m.seconds(), 3600 - total); // the hour ends mid-slide
            seconds.merge(m.institution(), (long) shown, Long::sum);
            total += shown;
            played.add(m);
        }
        return new Hour(seconds, total, played);
    }

    private static void assertWithinOneSlide(List<Msg> messages, AirtimeShares.Rotation rotation) {
        Hour hour = playHour(messages, rotation);
        int longest = messages.stream().mapToInt(Msg::seconds).max().orElseThrow();
        for (AirtimeShares.Share share : rotation.shares()) {
            double intended = share.effective() * hour.total();
            long achieved = hour.seconds().getOrDefault(share.institutionId(), 0L);
            WORST[0] = Math.max(WORST[0], Math.abs(achieved - intended) / longest);
            assertThat(Math.abs(achieved - intended))
                    .as("institution %d: %d s of %d, intended %.0f", share.institutionId(), achieved, hour.total(), intended)
                    .isLessThanOrEqualTo(longest);
        }
    }

    /**
     * Whenever one institution plays twice in a row, no other was owed time just then, or
     * waiting for it would have left the one playing more than the longest slide behind.
     */
    private static void assertNoRunWhileOthersWait(List<Msg> messages, AirtimeShares.Rotation rotation) {
        int longest = messages.stream().mapToInt(Msg::seconds).max().orElseThrow();
        Map<Long, Double> share = new HashMap<>();
        rotation.shares().forEach(s -> share.put(s.institutionId(), s.effective()));
        Map<Long, Long> used = new HashMap<>();
        long played = 0;
        Long previous = null;
        Map<Long, Integer> plays = new HashMap<>();
        for (int i = 0; i < rotation.turns().size(); i++) {
            Msg m = messages.get(rotation.turns().get(i));
            if (previous != null && previous == m.institution()) {
                double behind = share.get(m.institution()) * played - used.getOrDefault(m.institution(), 0L);
                for (long other : share.keySet()) {
                    double owed = share.get(other) * played - used.getOrDefault(other, 0L);
                    if (other != m.institution() && owed > 1e-9) {
                        Msg theirs = nextMessage(messages, other, plays.getOrDefault(other, 0));
                        assertThat(behind + share.get(m.institution()) * theirs.seconds())
                                .as("institution %d waited while %d played twice", other, m.institution())
                                .isGreaterThan(longest - 1e-9);
                    }
                }
            }
            used.merge(m.institution(), (long) m.seconds(), Long::sum);
            plays.merge(m.institution(), 1, Integer::sum);
            played += m.seconds();
            previous = m.institution();
        }
    }

    /** The message an institution plays next, after it played {@code plays} times: its own in playlist order, round. */
    private static Msg nextMessage(List<Msg> messages, long institution, int plays) {
        List<Msg> own = messages.stream().filter(m -> m.institution() == institution).toList();
        return own.get(plays % own.size());
    }

    @Test
    void a_share_over_half_plays_twice_in_a_row_only_as_often_as_it_must() {
        List<Msg> messages = List.of(new Msg("s1", SCHOOLS, 10), new Msg("l1", LIBRARY, 10));
        AirtimeShares.Rotation rotation = rotate(messages, Map.of(SCHOOLS, 80, LIBRARY, 20));

        assertThat(rotation.turns().stream().map(i -> messages.get(i).title()).toList())
                .containsExactly("s1", "l1", "s1", "s1", "s1");
        assertThat(playHour(messages, rotation).seconds()).containsEntry(SCHOOLS, 2880L).containsEntry(LIBRARY, 720L);
    }

    @Test
    void without_shares_the_playlist_order_stands() {
        List<Msg> messages = List.of(new Msg("a", SCHOOLS, 10), new Msg("b", LIBRARY, 10));
        assertThat(rotate(messages, Map.of())).isNull();
    }

    @Test
    void schools_forty_library_twenty_culture_forty_take_turns_by_share_spread_evenly() {
        List<Msg> messages = List.of(new Msg("Åbent hus", SCHOOLS, 10), new Msg("Lektiecafé", LIBRARY, 10),
                new Msg("Koncert", CULTURE, 10));
        AirtimeShares.Rotation rotation = rotate(messages, Map.of(SCHOOLS, 40, LIBRARY, 20, CULTURE, 40));

        assertThat(rotation.turns().stream().map(i -> messages.get(i).title()).toList())
                .containsExactly("Åbent hus", "Koncert", "Lektiecafé", "Åbent hus", "Koncert");
        Hour hour = playHour(messages, rotation);
        assertThat(hour.seconds()).containsEntry(SCHOOLS, 1440L).containsEntry(LIBRARY, 720L).containsEntry(CULTURE, 1440L);
    }

    @Test
    void shares_count_seconds_not_slides() {
        // the library's one message lasts three times as long as each school message
        List<Msg> messages = List.of(new Msg("s1", SCHOOLS, 10), new Msg("s2", SCHOOLS, 10), new Msg("l1", LIBRARY, 30));
        AirtimeShares.Rotation rotation = rotate(messages, Map.of(SCHOOLS, 50, LIBRARY, 50));

        Hour hour = playHour(messages, rotation);
        assertThat(hour.seconds()).containsEntry(SCHOOLS, 1800L).containsEntry(LIBRARY, 1800L);
        assertWithinOneSlide(messages, rotation);
    }

    @Test
    void messages_within_an_institution_keep_their_playlist_order() {
        List<Msg> messages = List.of(new Msg("s1", SCHOOLS, 10), new Msg("l1", LIBRARY, 10), new Msg("s2", SCHOOLS, 10),
                new Msg("s3", SCHOOLS, 10), new Msg("l2", LIBRARY, 10));
        AirtimeShares.Rotation rotation = rotate(messages, Map.of(SCHOOLS, 50, LIBRARY, 50));

        List<String> schools = rotation.turns().stream().map(messages::get).filter(m -> m.institution() == SCHOOLS)
                .map(Msg::title).limit(6).toList();
        List<String> library = rotation.turns().stream().map(messages::get).filter(m -> m.institution() == LIBRARY)
                .map(Msg::title).limit(4).toList();
        assertThat(schools).containsExactly("s1", "s2", "s3", "s1", "s2", "s3");
        assertThat(library).containsExactly("l1", "l2", "l1", "l2");
        assertNoRunWhileOthersWait(messages, rotation);
    }

    @Test
    void a_share_whose_institution_has_nothing_gives_way_to_the_others_in_proportion() {
        // culture's 40 % has nothing to show: schools and library split the hour 2 : 1
        List<Msg> messages = List.of(new Msg("s1", SCHOOLS, 10), new Msg("l1", LIBRARY, 10));
        AirtimeShares.Rotation rotation = rotate(messages, Map.of(SCHOOLS, 40, LIBRARY, 20, CULTURE, 40));

        assertThat(rotation.shares()).extracting(AirtimeShares.Share::institutionId).containsExactly(SCHOOLS, LIBRARY);
        assertThat(rotation.shares().get(0).effective()).isCloseTo(2 / 3.0, org.assertj.core.data.Offset.offset(1e-9));
        Hour hour = playHour(messages, rotation);
        assertThat(hour.seconds()).containsEntry(SCHOOLS, 2400L).containsEntry(LIBRARY, 1200L);
    }

    @Test
    void institutions_without_a_share_split_what_is_left() {
        // 60 % set; youth has messages but no share, so it gets the remaining 40 %
        List<Msg> messages = List.of(new Msg("s1", SCHOOLS, 10), new Msg("l1", LIBRARY, 10), new Msg("y1", YOUTH, 10));
        AirtimeShares.Rotation rotation = rotate(messages, Map.of(SCHOOLS, 40, LIBRARY, 20));

        Hour hour = playHour(messages, rotation);
        assertThat(hour.seconds()).containsEntry(SCHOOLS, 1440L).containsEntry(LIBRARY, 720L).containsEntry(YOUTH, 1440L);
        assertThat(rotation.shares().get(2).percent()).isNull();
    }

    @Test
    void with_nothing_left_an_institution_without_a_share_still_plays_a_little() {
        List<Msg> messages = List.of(new Msg("s1", SCHOOLS, 10), new Msg("y1", YOUTH, 10));
        AirtimeShares.Rotation rotation = rotate(messages, Map.of(SCHOOLS, 100));

        assertThat(rotation.shares().get(1).effective()).isCloseTo(1 / 101.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(playHour(messages, rotation).seconds().get(YOUTH)).isBetween(30L, 40L);
    }

    @Test
    void random_durations_and_shares_stay_within_one_slide_over_an_hour_and_never_run_while_others_wait() {
        Random random = new Random(16);
        for (int run = 0; run < 300; run++) {
            int institutions = 2 + random.nextInt(4);
            List<Msg> messages = new ArrayList<>();
            int count = institutions + random.nextInt(12);
            for (int i = 0; i < count; i++) {
                long institution = 1 + (i < institutions ? i : random.nextInt(institutions));
                messages.add(new Msg("m" + i, institution, 3 + random.nextInt(58)));
            }
            java.util.Collections.shuffle(messages, random);
            Map<Long, Integer> percents = new LinkedHashMap<>();
            int left = 100;
            for (long institution = 1; institution <= institutions + 1 && left > 0; institution++) {
                if (random.nextInt(4) == 0) {
                    continue; // no share: takes part of what is left
                }
                int percent = 1 + random.nextInt(Math.min(left, 70));
                percents.put(institution, percent); // institution + 1 past the last has no messages: gives way
                left -= percent;
            }
            if (percents.isEmpty()) {
                percents.put(1L, 50);
            }
            AirtimeShares.Rotation rotation = rotate(messages, percents);
            assertThat(rotation.turns()).as("run %d", run).isNotEmpty();
            assertWithinOneSlide(messages, rotation);
            assertNoRunWhileOthersWait(messages, rotation);
        }
    }
}
