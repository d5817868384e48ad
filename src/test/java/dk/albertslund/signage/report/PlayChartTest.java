package dk.albertslund.signage.report;

import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlayChartTest {

    private static PlayChart.Chart chart(LocalDate from, LocalDate to, Map<LocalDate, Long> plays) {
        return PlayChart.of(from, to, plays, LocalDate::toString, entry -> entry.getKey() + ": " + entry.getValue());
    }

    @Test
    void the_value_axis_goes_up_in_round_steps_of_at_most_five() {
        assertThat(PlayChart.step(0)).isEqualTo(1);
        assertThat(PlayChart.step(5)).isEqualTo(1);
        assertThat(PlayChart.step(6)).isEqualTo(2);
        assertThat(PlayChart.step(11)).isEqualTo(5);
        assertThat(PlayChart.step(26)).isEqualTo(10);
        assertThat(PlayChart.step(1_234)).isEqualTo(500);
    }

    @Test
    void the_tallest_bar_reaches_the_top_of_the_rounded_scale() {
        LocalDate day = LocalDate.of(2026, 11, 2);

        PlayChart.Chart chart = chart(day, day.plusDays(1), Map.of(day, 7L, day.plusDays(1), 10L));

        assertThat(chart.max()).isEqualTo(10);
        assertThat(chart.ticks()).extracting(PlayChart.Tick::value).containsExactly(0L, 2L, 4L, 6L, 8L, 10L);
        assertThat(chart.bars()).extracting(PlayChart.Bar::height).containsExactly(140.0, 200.0);
        assertThat(chart.bars()).extracting(PlayChart.Bar::title).containsExactly("2026-11-02: 7", "2026-11-03: 10");
    }

    @Test
    void a_period_without_plays_has_flat_bars_on_a_scale_of_one() {
        LocalDate day = LocalDate.of(2026, 3, 29);

        PlayChart.Chart chart = chart(day, day, Map.of());

        assertThat(chart.max()).isEqualTo(1);
        assertThat(chart.bars()).extracting(PlayChart.Bar::height).containsExactly(0.0);
        assertThat(chart.bars()).extracting(PlayChart.Bar::title).containsExactly("2026-03-29: 0");
    }

    @Test
    void a_long_period_labels_every_few_days_so_labels_never_overlap() {
        LocalDate first = LocalDate.of(2026, 1, 1);

        PlayChart.Chart month = chart(first, first.plusDays(30), Map.of());
        PlayChart.Chart year = chart(first, first.plusDays(365), Map.of());

        assertThat(month.bars()).hasSize(31);
        assertThat(month.labels()).extracting(PlayChart.Label::text)
                .containsExactly("2026-01-01", "2026-01-04", "2026-01-07", "2026-01-10", "2026-01-13", "2026-01-16",
                        "2026-01-19", "2026-01-22", "2026-01-25", "2026-01-28", "2026-01-31");
        assertThat(year.bars()).hasSize(366);
        assertThat(year.labels()).hasSizeLessThanOrEqualTo(12);
        assertThat(year.bars().get(0).width()).isGreaterThanOrEqualTo(1.0);
    }
}
