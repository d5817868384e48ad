package dk.albertslund.signage.feed;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IcsParserTest {

    private static final ZoneId CAMPUS = ZoneId.of("Europe/Copenhagen");
    private static final Instant MARCH = Instant.parse("2026-03-20T12:00:00Z");
    private final IcsParser parser = new IcsParser(CAMPUS);

    static String fixture(String name) {
        try (InputStream in = IcsParserTest.class.getResourceAsStream("/feeds/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<FeedEvent> parse(String name, Instant now) throws FeedParseException {
        return parser.parse(fixture(name), now, now.plus(Duration.ofDays(60)));
    }

    @Test
    void a_google_event_on_the_spring_forward_day_starts_at_its_summer_time() throws Exception {
        FeedEvent jazz = parse("google-musikteatret.ics", MARCH).stream()
                .filter(e -> e.uid().equals("5k2p9q7r1s3t@google.com")).findFirst().orElseThrow();

        assertThat(jazz.start()).isEqualTo(Instant.parse("2026-03-29T17:30:00Z"));
        assertThat(jazz.end()).isEqualTo(Instant.parse("2026-03-29T20:00:00Z"));
        assertThat(jazz.recurrenceId()).isEmpty();
        assertThat(jazz.location()).isEqualTo("Musikteatret, Bibliotekstorvet 1, 2620 Albertslund, Danmark");
        // folded lines joined, escapes undone
        assertThat(jazz.description()).isEqualTo("Forårsjazz med Albertslund Big Band. Billetter i døren, 60 kr. "
                + "Gratis for elever på Musikskolen – husk elevkort. Dørene åbner kl. 19, og der er kaffe og kage i foyeren "
                + "før koncerten; baren er åben hele aftenen.");
    }

    @Test
    void a_weekly_series_keeps_its_wall_clock_time_across_the_change_to_summer_time_with_exdate_and_overrides() throws Exception {
        List<FeedEvent> choir = parse("google-musikteatret.ics", MARCH).stream()
                .filter(e -> e.uid().equals("0ab3kor8prove@google.com")).toList();

        assertThat(choir).extracting(FeedEvent::start).containsExactly(
                Instant.parse("2026-03-24T17:00:00Z"),  // 18:00 CET
                Instant.parse("2026-03-31T17:00:00Z"),  // moved to 19:00 CEST by its RECURRENCE-ID
                Instant.parse("2026-04-21T16:00:00Z")); // 18:00 CEST; 7 April excluded, 14 April cancelled
        assertThat(choir).extracting(FeedEvent::recurrenceId)
                .containsExactly("20260324T170000Z", "20260331T160000Z", "20260421T160000Z");
        assertThat(choir.get(1).title()).isEqualTo("Korprøve: Campuskoret (flyttet)");
        assertThat(choir.get(1).location()).isEqualTo("Musikteatret, Store sal");
    }

    @Test
    void an_all_day_event_lasts_its_campus_day() throws Exception {
        FeedEvent night = parse("google-musikteatret.ics", MARCH).stream()
                .filter(e -> e.uid().equals("kulturnat2026@google.com")).findFirst().orElseThrow();

        assertThat(night.allDay()).isTrue();
        assertThat(night.start()).isEqualTo(Instant.parse("2026-04-16T22:00:00Z"));
        assertThat(night.end()).isEqualTo(Instant.parse("2026-04-17T22:00:00Z"));
    }

    @Test
    void outlook_windows_zone_names_rdates_and_floating_times_are_read_as_campus_time() throws Exception {
        List<FeedEvent> events = parse("outlook-bibliotek.ics", MARCH);

        assertThat(events).extracting(FeedEvent::title, FeedEvent::start).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Lektiecafé", Instant.parse("2026-03-25T14:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("Strikkeklub", Instant.parse("2026-03-26T13:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("Forfatteraften: Ny dansk litteratur", Instant.parse("2026-03-29T08:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("Lektiecafé", Instant.parse("2026-04-01T13:00:00Z")),
                org.assertj.core.groups.Tuple.tuple("Lektiecafé", Instant.parse("2026-04-08T13:00:00Z")));
        assertThat(events.get(2).description()).isEqualTo("Kom og hør forfatteren læse op af sin nye roman. Gratis adgang, "
                + "tilmelding på bibliotekets hjemmeside.");
    }

    @Test
    void an_apple_event_across_the_fall_back_night_lasts_four_real_hours_and_brings_its_image() throws Exception {
        List<FeedEvent> events = parse("apple-forbraendingen.ics", Instant.parse("2026-10-20T12:00:00Z"));

        FeedEvent night = events.get(0);
        assertThat(night.title()).isEqualTo("Natkoncert: Vintertid");
        assertThat(night.start()).isEqualTo(Instant.parse("2026-10-24T23:00:00Z"));
        assertThat(Duration.between(night.start(), night.end())).isEqualTo(Duration.ofHours(4));
        assertThat(night.imageUrl()).isEqualTo("https://forbraendingen.dk/media/natkoncert.jpg");
        assertThat(night.url()).isEqualTo("https://forbraendingen.dk/program/natkoncert");
        assertThat(night.location()).isEqualTo("Forbrændingen\nAlbertslund Centrum 5\n2620 Albertslund");
        FeedEvent festival = events.get(1);
        assertThat(festival.allDay()).isTrue();
        // two days, the second of them 25 hours long
        assertThat(festival.start()).isEqualTo(Instant.parse("2026-10-29T23:00:00Z"));
        assertThat(festival.end()).isEqualTo(Instant.parse("2026-10-31T23:00:00Z"));
    }

    @Test
    void events_outside_the_horizon_are_left_out() throws Exception {
        List<FeedEvent> events = parser.parse(fixture("google-musikteatret.ics"), MARCH, MARCH.plus(Duration.ofDays(7)));

        assertThat(events).extracting(FeedEvent::title).containsExactly("Korprøve: Campuskoret");
    }

    @Test
    void a_malformed_file_is_refused_with_its_line() {
        assertThatThrownBy(() -> parse("malformed.ics", MARCH))
                .isInstanceOf(FeedParseException.class)
                .hasMessageStartingWith("The calendar file cannot be read")
                .satisfies(e -> assertThat(((FeedParseException) e).line()).isEqualTo(9));
    }
}
