package dk.albertslund.signage.departures;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The GTFS time rules and the board's merge of timetable and realtime, without server or database. */
class DepartureRulesTest {

    private static final ZoneId CPH = ZoneId.of("Europe/Copenhagen");
    private static final Duration STALE = Duration.ofMinutes(2);

    private static Timetable timetable() throws Exception {
        return GtfsReader.read(GtfsSamples.zip(), GtfsSamples.STOP);
    }

    private static Instant local(String dateTime) {
        return LocalDateTime.parse(dateTime).atZone(CPH).toInstant();
    }

    private static String wall(Instant at) {
        ZonedDateTime z = at.atZone(CPH);
        return z.toLocalDateTime() + z.getOffset().getId();
    }

    private static List<String> planned(Timetable t, String from, String to) {
        return t.planned(local(from), local(to), CPH).stream()
                .map(p -> p.stopTime().tripId() + "@" + wall(p.at()) + " day " + p.serviceDay()).toList();
    }

    @Test
    void a_time_past_24_00_belongs_to_the_service_day_before() throws Exception {
        assertThat(GtfsTime.seconds("25:10:00")).isEqualTo(25 * 3600 + 600);
        assertThat(planned(timetable(), "2026-12-04T00:00", "2026-12-04T02:00")).containsExactly(
                "T-NIGHT-2440@2026-12-04T00:40+01:00 day 2026-12-03",
                "T-NIGHT-2510@2026-12-04T01:10+01:00 day 2026-12-03");
    }

    @Test
    void on_the_spring_forward_day_times_count_from_noon_minus_12_hours() throws Exception {
        // 2027-03-28: clocks go from 02:00 to 03:00; the service day starts at 23:00 the evening before
        assertThat(GtfsTime.origin(LocalDate.parse("2027-03-28"), CPH)).isEqualTo(Instant.parse("2027-03-27T22:00:00Z"));
        assertThat(planned(timetable(), "2027-03-28T00:00", "2027-03-28T09:05")).containsExactly(
                "T-NIGHT-2440@2027-03-28T00:40+01:00 day 2027-03-27",
                "T-NIGHT-2510@2027-03-28T01:10+01:00 day 2027-03-27",
                "T-KH-0802@2027-03-28T08:02+02:00 day 2027-03-28",
                "T-HTA-0808@2027-03-28T08:08+02:00 day 2027-03-28",
                "T-HTA-0820@2027-03-28T08:20+02:00 day 2027-03-28",
                "T-EXTRA-0900@2027-03-28T09:00+02:00 day 2027-03-28");
    }

    @Test
    void on_the_fall_back_day_times_count_from_noon_minus_12_hours() throws Exception {
        // 2026-10-25: clocks go from 03:00 back to 02:00; the service day starts at 01:00 summer time
        assertThat(GtfsTime.origin(LocalDate.parse("2026-10-25"), CPH)).isEqualTo(Instant.parse("2026-10-24T23:00:00Z"));
        assertThat(GtfsTime.instant(LocalDate.parse("2026-10-25"), GtfsTime.seconds("02:30:00"), CPH))
                .isEqualTo(Instant.parse("2026-10-25T01:30:00Z")); // the second 02:30, in winter time
        assertThat(planned(timetable(), "2026-10-25T00:00", "2026-10-25T08:10")).containsExactly(
                "T-NIGHT-2440@2026-10-25T00:40+02:00 day 2026-10-24",
                "T-NIGHT-2510@2026-10-25T01:10+02:00 day 2026-10-24",
                "T-KH-0802@2026-10-25T08:02+01:00 day 2026-10-25",
                "T-HTA-0808@2026-10-25T08:08+01:00 day 2026-10-25");
    }

    @Test
    void the_reader_keeps_the_stops_platforms_and_names_a_destination_from_the_last_stop() throws Exception {
        Timetable t = timetable();
        assertThat(t.stopName()).isEqualTo("Albertslund St.");
        assertThat(t.stopTimes()).extracting(StopTime::tripId).containsExactlyInAnyOrder(
                "T-KH-0802", "T-HTA-0808", "T-BX-0812", "T-HTA-0820", "T-NIGHT-2440", "T-NIGHT-2510", "T-EXTRA-0900");
        StopTime toCopenhagen = t.stopTimes().stream().filter(st -> st.tripId().equals("T-KH-0802")).findFirst().orElseThrow();
        assertThat(toCopenhagen).isEqualTo(new StopTime("T-KH-0802", "DAILY", "8600617-1", 2, 8 * 3600 + 120,
                "B", "København H", "1", "4C9A2A"));
        assertThat(Timetable.decode(t.encode())).isEqualTo(t);
    }

    @Test
    void a_zip_without_the_stop_is_refused_with_the_reason() {
        assertThatThrownBy(() -> GtfsReader.read(GtfsSamples.zip(), "8600999"))
                .isInstanceOf(GtfsReader.NotGtfs.class).hasMessageContaining("'8600999' is not in stops.txt");
        assertThatThrownBy(() -> GtfsReader.read("not a zip".getBytes(), GtfsSamples.STOP))
                .isInstanceOf(GtfsReader.NotGtfs.class).hasMessageContaining("stops.txt is not in the zip");
    }

    private static Realtime realtime(Timetable t, Instant at) throws Exception {
        byte[] feed = GtfsSamples.feed(at)
                .addEntity(GtfsSamples.departsAt("T-KH-0802", "20261203", 2, local("2026-12-03T08:03")))
                .addEntity(GtfsSamples.delayed("T-BX-0812", "20261203", 1, 240))
                .addEntity(GtfsSamples.cancelled("T-HTA-0820", "20261203"))
                .addEntity(GtfsSamples.delayed("T-HTA-0808", "20261202", 2, 600)) // yesterday's run: not today's
                .build().toByteArray();
        return RealtimeReader.read(feed, t.tripIds(), at.plusSeconds(5));
    }

    private static List<String> lines(DepartureBoard.Board board) {
        return board.departures().stream().map(d -> d.line() + " " + d.destination() + " spor " + d.platform() + " "
                + wall(d.planned()).substring(11, 16) + (d.delayMinutes() == null ? "" : " +" + d.delayMinutes())
                + (d.cancelled() ? " cancelled" : "") + (d.live() ? "" : " planned")).toList();
    }

    @Test
    void fresh_realtime_adds_delays_and_cancellations() throws Exception {
        Timetable t = timetable();
        Instant now = local("2026-12-03T07:55");
        Realtime news = realtime(t, now.minusSeconds(20));
        assertThat(Realtime.decode(news.encode())).isEqualTo(news);
        DepartureBoard.Board board = DepartureBoard.at(t, news, now, STALE, 5, CPH);
        assertThat(board.available()).isTrue();
        assertThat(board.realtimeAt()).isEqualTo(now.minusSeconds(20));
        assertThat(lines(board)).containsExactly(
                "B København H spor 1 08:02 +1",
                "B Høje Taastrup spor 2 08:08",
                "Bx Farum spor 1 08:12 +4",
                "B Høje Taastrup spor 2 08:20 cancelled");
        assertThat(board.departures().get(2).expected()).isEqualTo(local("2026-12-03T08:16"));
    }

    @Test
    void a_skipped_stop_is_a_cancelled_departure_here() throws Exception {
        Timetable t = timetable();
        Instant now = local("2026-12-03T07:55");
        Realtime news = RealtimeReader.read(GtfsSamples.feed(now).addEntity(GtfsSamples.skipped("T-HTA-0808", "20261203", 2))
                .build().toByteArray(), t.tripIds(), now);
        assertThat(lines(DepartureBoard.at(t, news, now, STALE, 2, CPH))).containsExactly(
                "B København H spor 1 08:02", "B Høje Taastrup spor 2 08:08 cancelled");
    }

    @Test
    void a_stop_without_news_of_its_own_takes_the_delay_of_the_last_stop_before_it() throws Exception {
        Timetable t = timetable();
        Instant now = local("2026-12-03T07:55");
        // 3 minutes late from Høje Taastrup (stop 1) on; nothing said about Albertslund (stop 2)
        Realtime news = RealtimeReader.read(GtfsSamples.feed(now).addEntity(GtfsSamples.delayed("T-KH-0802", "20261203", 1, 180))
                .build().toByteArray(), t.tripIds(), now);
        assertThat(lines(DepartureBoard.at(t, news, now, STALE, 1, CPH))).containsExactly("B København H spor 1 08:02 +3");
    }

    @Test
    void realtime_older_than_the_limit_is_not_shown_and_every_departure_is_planned() throws Exception {
        Timetable t = timetable();
        Instant now = local("2026-12-03T07:55");
        DepartureBoard.Board board = DepartureBoard.at(t, realtime(t, now.minus(STALE).minusSeconds(1)), now, STALE, 4, CPH);
        assertThat(board.realtimeAt()).isNull();
        assertThat(lines(board)).containsExactly(
                "B København H spor 1 08:02 planned",
                "B Høje Taastrup spor 2 08:08 planned",
                "Bx Farum spor 1 08:12 planned",
                "B Høje Taastrup spor 2 08:20 planned");
    }

    @Test
    void a_delayed_train_planned_before_now_is_still_to_come() throws Exception {
        Timetable t = timetable();
        Instant now = local("2026-12-03T08:14");
        DepartureBoard.Board board = DepartureBoard.at(t, realtime(t, now.minusSeconds(30)), now, STALE, 1, CPH);
        assertThat(lines(board)).containsExactly("Bx Farum spor 1 08:12 +4");
    }

    @Test
    void without_a_timetable_there_is_no_board() {
        DepartureBoard.Board board = DepartureBoard.at(null, null, Instant.parse("2026-12-03T07:00:00Z"), STALE, 5, CPH);
        assertThat(board.available()).isFalse();
        assertThat(board.departures()).isEmpty();
        assertThat(DepartureBoard.at(new Timetable(GtfsSamples.STOP, "Albertslund St.", List.of(), Map.of()), null,
                Instant.parse("2026-12-03T07:00:00Z"), STALE, 5, CPH).available()).isFalse();
    }
}
