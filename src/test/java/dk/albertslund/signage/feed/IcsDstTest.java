package dk.albertslund.signage.feed;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Event times on and around the four Danish clock changes of 2026 and 2027, written the
 * three ways a file can (TZID, UTC, floating), and lengths given as DURATION across them.
 * RFC 5545 3.3.5: a time in a gap is read with the offset before the gap; a repeated time
 * is its first occurrence. RFC 5545 3.3.6: hours are exact, days and weeks are nominal.
 */
class IcsDstTest {

    private static final String ZONE = """
            BEGIN:VTIMEZONE
            TZID:Europe/Copenhagen
            X-LIC-LOCATION:Europe/Copenhagen
            BEGIN:DAYLIGHT
            TZOFFSETFROM:+0100
            TZOFFSETTO:+0200
            TZNAME:CEST
            DTSTART:19700329T020000
            RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU
            END:DAYLIGHT
            BEGIN:STANDARD
            TZOFFSETFROM:+0200
            TZOFFSETTO:+0100
            TZNAME:CET
            DTSTART:19701025T030000
            RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU
            END:STANDARD
            END:VTIMEZONE
            """;

    private final IcsParser parser = new IcsParser(ZoneId.of("Europe/Copenhagen"));

    @ParameterizedTest(name = "{0} / {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # spring 2026 (29 March, 02:00 CET -> 03:00 CEST): start and end in the hour after the change
            DTSTART;TZID=Europe/Copenhagen:20260329T033000 | DTEND;TZID=Europe/Copenhagen:20260329T043000 | 2026-03-29T01:30:00Z | 2026-03-29T02:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20260329T010000 | DTEND;TZID=Europe/Copenhagen:20260329T033000 | 2026-03-29T00:00:00Z | 2026-03-29T01:30:00Z
            # a time in the gap is read with the offset before it
            DTSTART;TZID=Europe/Copenhagen:20260329T023000 | DTEND;TZID=Europe/Copenhagen:20260329T050000 | 2026-03-29T01:30:00Z | 2026-03-29T03:00:00Z
            DTSTART:20260329T023000                        | DTEND:20260329T033000                        | 2026-03-29T01:30:00Z | 2026-03-29T01:30:00Z
            DTSTART:20260329T033000                        | DTEND:20260329T043000                        | 2026-03-29T01:30:00Z | 2026-03-29T02:30:00Z
            DTSTART:20260329T013000Z                       | DTEND:20260329T023000Z                       | 2026-03-29T01:30:00Z | 2026-03-29T02:30:00Z
            # spring 2027 (28 March)
            DTSTART;TZID=Europe/Copenhagen:20270328T010000 | DTEND;TZID=Europe/Copenhagen:20270328T033000 | 2027-03-28T00:00:00Z | 2027-03-28T01:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20270328T033000 | DTEND;TZID=Europe/Copenhagen:20270328T040000 | 2027-03-28T01:30:00Z | 2027-03-28T02:00:00Z
            DTSTART;TZID=Europe/Copenhagen:20270328T023000 | DTEND;TZID=Europe/Copenhagen:20270328T033000 | 2027-03-28T01:30:00Z | 2027-03-28T01:30:00Z
            DTSTART:20270328T010000                        | DTEND:20270328T033000                        | 2027-03-28T00:00:00Z | 2027-03-28T01:30:00Z
            DTSTART:20270328T013000Z                       | DTEND:20270328T020000Z                       | 2027-03-28T01:30:00Z | 2027-03-28T02:00:00Z
            # autumn 2026 (25 October, 03:00 CEST -> 02:00 CET): a repeated time is its first occurrence
            DTSTART;TZID=Europe/Copenhagen:20261025T023000 | DTEND;TZID=Europe/Copenhagen:20261025T040000 | 2026-10-25T00:30:00Z | 2026-10-25T03:00:00Z
            DTSTART;TZID=Europe/Copenhagen:20261025T010000 | DTEND;TZID=Europe/Copenhagen:20261025T023000 | 2026-10-24T23:00:00Z | 2026-10-25T00:30:00Z
            DTSTART:20261025T023000                        | DTEND:20261025T033000                        | 2026-10-25T00:30:00Z | 2026-10-25T02:30:00Z
            DTSTART:20261025T013000Z                       | DTEND:20261025T023000Z                       | 2026-10-25T01:30:00Z | 2026-10-25T02:30:00Z
            # autumn 2027 (31 October)
            DTSTART;TZID=Europe/Copenhagen:20271031T023000 | DTEND;TZID=Europe/Copenhagen:20271031T033000 | 2027-10-31T00:30:00Z | 2027-10-31T02:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20271031T000000 | DTEND;TZID=Europe/Copenhagen:20271031T023000 | 2027-10-30T22:00:00Z | 2027-10-31T00:30:00Z
            DTSTART:20271031T023000                        | DTEND:20271031T040000                        | 2027-10-31T00:30:00Z | 2027-10-31T03:00:00Z
            DTSTART:20271031T003000Z                       | DTEND:20271031T013000Z                       | 2027-10-31T00:30:00Z | 2027-10-31T01:30:00Z
            # DURATION: hours are exact across both changes, days keep the wall-clock time
            DTSTART;TZID=Europe/Copenhagen:20261025T010000 | DURATION:PT4H                                | 2026-10-24T23:00:00Z | 2026-10-25T03:00:00Z
            DTSTART:20271031T010000                        | DURATION:PT3H                                | 2027-10-30T23:00:00Z | 2027-10-31T02:00:00Z
            DTSTART;TZID=Europe/Copenhagen:20270328T010000 | DURATION:PT2H30M                             | 2027-03-28T00:00:00Z | 2027-03-28T02:30:00Z
            DTSTART:20260329T010000                        | DURATION:PT2H                                | 2026-03-29T00:00:00Z | 2026-03-29T02:00:00Z
            DTSTART:20261024T190000Z                       | DURATION:PT12H                               | 2026-10-24T19:00:00Z | 2026-10-25T07:00:00Z
            DTSTART;TZID=Europe/Copenhagen:20261024T190000 | DURATION:P1D                                 | 2026-10-24T17:00:00Z | 2026-10-25T18:00:00Z
            DTSTART;TZID=Europe/Copenhagen:20270327T190000 | DURATION:P1DT1H                              | 2027-03-27T18:00:00Z | 2027-03-28T18:00:00Z
            """)
    void an_event_on_a_clock_change_day_starts_and_ends_when_its_file_says(String start, String end, Instant begins, Instant ends)
            throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + ZONE.replace("\n", "\r\n")
                + "BEGIN:VEVENT\r\nUID:dst@test\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Natkoncert\r\n"
                + start + "\r\n" + end + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        List<FeedEvent> events = parser.parse(ics, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z"));

        assertThat(events).hasSize(1);
        assertThat(events.get(0).start()).as("start").isEqualTo(begins);
        assertThat(events.get(0).end()).as("end").isEqualTo(ends);
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # autumn 2026: weekly on Sundays at 02:30 from 11 October; on the 25th 02:30 is first CEST (00:30Z), then CET
            DTSTART;TZID=Europe/Copenhagen:20261011T023000 | UNTIL=20261025T023000  | 3 | 2026-10-25T00:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20261011T023000 | UNTIL=20261025T003000Z | 3 | 2026-10-25T00:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20261011T023000 | UNTIL=20261025T002959Z | 2 | 2026-10-18T00:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20261011T023000 | UNTIL=20261025         | 3 | 2026-10-25T00:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20261011T023000 | UNTIL=20261024         | 2 | 2026-10-18T00:30:00Z
            # the evening after the change: 19:30 CET is 18:30Z, an hour later in UTC than the week before
            DTSTART;TZID=Europe/Copenhagen:20261011T193000 | UNTIL=20261025T193000  | 3 | 2026-10-25T18:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20261011T193000 | UNTIL=20261025T183000Z | 3 | 2026-10-25T18:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20261011T193000 | UNTIL=20261025T175959Z | 2 | 2026-10-18T17:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20261011T193000 | UNTIL=20261025         | 3 | 2026-10-25T18:30:00Z
            # spring 2027: weekly on Sundays at 03:30 from 14 March; on the 28th 03:30 is CEST (01:30Z)
            DTSTART;TZID=Europe/Copenhagen:20270314T033000 | UNTIL=20270328T033000  | 3 | 2027-03-28T01:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20270314T033000 | UNTIL=20270328T013000Z | 3 | 2027-03-28T01:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20270314T033000 | UNTIL=20270328T012959Z | 2 | 2027-03-21T02:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20270314T033000 | UNTIL=20270328         | 3 | 2027-03-28T01:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20270314T193000 | UNTIL=20270328T173000Z | 3 | 2027-03-28T17:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20270314T193000 | UNTIL=20270328T183000Z | 3 | 2027-03-28T17:30:00Z
            DTSTART;TZID=Europe/Copenhagen:20270314T193000 | UNTIL=20270328T172959Z | 2 | 2027-03-21T18:30:00Z
            # in UTC and floating: the same rule read the same way
            DTSTART:20261011T003000Z                       | UNTIL=20261025T003000Z | 3 | 2026-10-25T00:30:00Z
            DTSTART:20270314T193000                        | UNTIL=20270328T193000  | 3 | 2027-03-28T17:30:00Z
            DTSTART:20270314T193000                        | UNTIL=20270328         | 3 | 2027-03-28T17:30:00Z
            # all-day events end their series on the day UNTIL names
            DTSTART;VALUE=DATE:20261011                    | UNTIL=20261025         | 3 | 2026-10-24T22:00:00Z
            DTSTART;VALUE=DATE:20270314                    | UNTIL=20270327T230000Z | 3 | 2027-03-27T23:00:00Z
            DTSTART;VALUE=DATE:20270314                    | UNTIL=20270327T225959Z | 2 | 2027-03-20T23:00:00Z
            """)
    void a_weekly_series_ends_on_its_until_as_the_file_writes_it(String start, String until, int count, Instant last) throws Exception {
        String ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + ZONE.replace("\n", "\r\n")
                + "BEGIN:VEVENT\r\nUID:weekly@test\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:Aftenkoncert\r\n"
                + start + "\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;" + until + "\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";

        List<FeedEvent> events = parser.parse(ics, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2028-01-01T00:00:00Z"));

        assertThat(events).as("occurrences").hasSize(count);
        assertThat(events.get(events.size() - 1).start()).as("last").isEqualTo(last);
    }
}
