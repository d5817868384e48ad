package dk.albertslund.signage.schedule;

import dk.albertslund.signage.staff.Role;
import dk.albertslund.signage.testing.Fixtures;
import dk.albertslund.signage.testing.PostgresTest;
import dk.albertslund.signage.testing.WebClient;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

@MicronautTest(transactional = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ScheduleCalendarPagesTest implements PostgresTest {

    @Inject
    Fixtures fixtures;
    @Inject
    SchedulePages schedules;

    @Test
    void the_timeline_shows_the_weekday_morning_entry_in_exactly_its_segment_and_says_why() {
        SchedulePages.Library library = schedules.library();
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("da");

        WebClient.Page page = viewer.get("/admin/schedules/timeline?screen=" + library.screen() + "&day=2026-12-01");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text("h1")).isEqualTo("Hvad en skærm viser: " + library.screenName());
        assertThat(page.text(".week-nav strong")).isEqualTo("tirsdag 1. dec. 2026");
        List<Element> rows = page.document().select("#segments tbody tr");
        assertThat(rows).extracting(r -> r.selectFirst("th").text()).containsExactly(
                "00.00–06.00", "06.00–07.00", "07.00–10.00", "10.00–22.00", "22.00–24.00");
        Element morning = rows.get(2);
        assertThat(morning.select(".announcements li").eachText()).containsExactly("Title of " + library.morningSlide());
        assertThat(morning.select(".playlists .badge").eachText()).containsExactly("Morgen");
        assertThat(morning.selectFirst(".kind").text()).isEqualTo("Planlagt");
        assertThat(morning.select(".winners li").eachText()).containsExactly(
                "Vises: " + library.morningName() + " (Morgen), prioritet 10, man–fre 07.00–10.00");
        assertThat(morning.select(".losers li").eachText()).containsExactly(
                "Vises ikke: " + library.allDayName() + " (Hele dagen), lavere prioritet (5 < 10)");
        assertThat(rows.get(1).select(".winners li").eachText()).containsExactly(
                "Vises: " + library.allDayName() + " (Hele dagen), prioritet 5, Hver dag 06.00–22.00");
        assertThat(rows.get(0).selectFirst(".kind").text()).isEqualTo("Intet planlagt: gruppens playliste");
        assertThat(rows.get(0).select(".winners")).isEmpty();
    }

    @Test
    void the_timeline_of_a_saturday_has_no_morning_segment_and_speaks_english() {
        SchedulePages.Library library = schedules.library();
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("en");

        WebClient.Page page = viewer.get("/admin/schedules/timeline?screen=" + library.screen() + "&day=2026-12-05");

        assertThat(page.document().select("#segments tbody tr th").eachText())
                .containsExactly("00:00–06:00", "06:00–22:00", "22:00–24:00");
        assertThat(page.text("#segments tbody tr:nth-of-type(2) .winners li"))
                .isEqualTo("Plays: " + library.allDayName() + " (Hele dagen), priority 5, Every day 06:00–22:00");
        assertThat(page.document().selectFirst("a[rel=next]").attr("href"))
                .isEqualTo("/admin/schedules/timeline?screen=" + library.screen() + "&day=2026-12-06");
    }

    @Test
    void the_timeline_refuses_a_day_that_is_not_a_date_beside_the_field() {
        SchedulePages.Library library = schedules.library();

        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("en")
                .get("/admin/schedules/timeline?screen=" + library.screen() + "&day=tomorrow");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#day-error")).isEqualTo("Write the day as a date, e.g. 2026-12-01.");
        assertThat(page.document().selectFirst("#timeline-day").attr("value")).isEqualTo("tomorrow");
    }

    @Test
    void an_unknown_screen_is_a_404_page() {
        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("en").get("/admin/schedules/timeline?screen=no-such-screen&day=2026-12-01");

        assertThat(page.status()).isEqualTo(404);
        assertThat(page.text("h1")).isEqualTo("This page does not exist");
    }

    @Test
    void the_week_calendar_of_a_screen_places_each_entry_on_its_days_and_hours() {
        SchedulePages.Library library = schedules.library();
        WebClient viewer = fixtures.browserAs(Role.VIEWER).language("da");

        WebClient.Page page = viewer.get("/admin/schedules/week?screen=" + library.screen() + "&week=2026-W49");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.text(".week-nav strong")).isEqualTo("30. nov. 2026 – 6. dec. 2026");
        assertThat(page.document().select("#week thead th").eachText()).containsExactly("mandag 30. nov.", "tirsdag 1. dec.",
                "onsdag 2. dec.", "torsdag 3. dec.", "fredag 4. dec.", "lørdag 5. dec.", "søndag 6. dec.");
        for (int day = 1; day <= 7; day++) {
            boolean weekday = day <= 5;
            assertThat(cell(page, 5, day)).as("05.00 on day " + day).isEmpty();
            assertThat(cell(page, 6, day)).as("06.00 on day " + day).containsExactly(library.allDayName());
            for (int hour = 7; hour <= 9; hour++) {
                assertThat(cell(page, hour, day)).as(hour + ".00 on day " + day).containsExactlyInAnyOrderElementsOf(
                        weekday ? List.of(library.morningName(), library.allDayName()) : List.of(library.allDayName()));
            }
            assertThat(cell(page, 10, day)).as("10.00 on day " + day).containsExactly(library.allDayName());
            assertThat(cell(page, 21, day)).as("21.00 on day " + day).containsExactly(library.allDayName());
            assertThat(cell(page, 22, day)).as("22.00 on day " + day).isEmpty();
        }
        assertThat(page.document().select("#week tbody tr:nth-of-type(8) th").text()).isEqualTo("07.00");
        assertThat(page.document().select("#legend tbody tr").eachText()).containsExactly(
                library.morningName() + " Morgen " + library.groupName() + " man–fre 07.00–10.00 10 Almindelig",
                library.allDayName() + " Hele dagen " + library.screenName() + " Hver dag 06.00–22.00 5 Almindelig");
        assertThat(page.document().selectFirst("a[rel=prev]").attr("href"))
                .isEqualTo("/admin/schedules/week?screen=" + library.screen() + "&week=2026-W48");
        assertThat(page.document().selectFirst("a[rel=next]").attr("href"))
                .isEqualTo("/admin/schedules/week?screen=" + library.screen() + "&week=2026-W50");
    }

    @Test
    void the_week_calendar_of_a_group_leaves_out_entries_for_single_screens() {
        SchedulePages.Library library = schedules.library();

        WebClient.Page page = fixtures.browserAs(Role.VIEWER).get("/admin/schedules/week?group=" + library.group() + "&week=2026-W49");

        assertThat(page.status()).isEqualTo(200);
        assertThat(cell(page, 8, 1)).containsExactly(library.morningName());
        assertThat(cell(page, 12, 1)).isEmpty();
        assertThat(page.document().select("#legend tbody th").eachText()).containsExactly(library.morningName());
        assertThat(page.document().select("#legend tbody th a").eachAttr("href"))
                .containsExactly("/admin/schedules/" + library.morningEntry());
    }

    @Test
    void a_week_that_is_not_one_is_refused_beside_the_field() {
        SchedulePages.Library library = schedules.library();

        WebClient.Page page = fixtures.browserAs(Role.VIEWER).language("en")
                .get("/admin/schedules/week?screen=" + library.screen() + "&week=2026-W60");

        assertThat(page.status()).isEqualTo(400);
        assertThat(page.text("#week-error")).isEqualTo("Write the week as year and week number, e.g. 2026-W49.");
    }

    @Test
    void someone_signed_out_is_sent_to_the_sign_in_page() {
        WebClient.Page page = fixtures.browser().get("/admin/schedules/week?group=x&week=2026-W49");

        assertThat(page.status()).isIn(302, 303);
        assertThat(page.location()).hasValue("/admin/login");
    }

    /** The entries in the cell of this hour (0–23) and day (1 = Monday). */
    private static List<String> cell(WebClient.Page page, int hour, int day) {
        Element cell = page.document().selectFirst("#week tbody tr:nth-of-type(" + (hour + 1) + ") td:nth-of-type(" + day + ")");
        return cell.select(".entry").eachText();
    }
}
