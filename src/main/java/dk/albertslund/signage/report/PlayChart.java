package dk.albertslund.signage.report;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The geometry of the "plays per day" bar chart, drawn by the template as SVG: one bar
 * per day of the period (days without plays get a bar of height zero, so the gaps show),
 * a value axis with round steps, and day labels thinned out so they never overlap.
 * Plain Java without framework types; the texts come in already worded.
 */
public final class PlayChart {

    static final int WIDTH = 720;
    static final int HEIGHT = 260;
    static final int LEFT = 56;
    static final int RIGHT = 16;
    static final int TOP = 16;
    static final int BOTTOM = 44;
    /** About as many day labels as fit under the chart without overlapping. */
    private static final int MAX_LABELS = 12;

    private PlayChart() {
    }

    /** Everything the template draws; coordinates in SVG user units, rounded to a tenth. */
    public record Chart(int width, int height, int left, int right, int top, int baseline, long max,
                 List<Bar> bars, List<Tick> ticks, List<Label> labels) {
    }

    /**
     * One day: its bar, and the sentence shown as the bar's tooltip; the day's QR code scans
     * as a narrower bar inside it on the same scale, with its own tooltip.
     */
    public record Bar(String day, long plays, double x, double y, double width, double height, String title,
                      long scans, double scanX, double scanY, double scanWidth, double scanHeight, String scanTitle) {
    }

    /** A step on the value axis and its horizontal grid line. */
    public record Tick(long value, double y) {
    }

    /** A day's name under its bar. */
    public record Label(String text, double x) {
    }

    /**
     * @param dayLabel  the short name of a day, e.g. "28. nov."
     * @param barTitle  the tooltip of a day's bar, e.g. "28. nov.: 3 visninger"
     */
    static Chart of(LocalDate from, LocalDate to, Map<LocalDate, Long> plays, Function<LocalDate, String> dayLabel,
                    Function<Map.Entry<LocalDate, Long>, String> barTitle) {
        return of(from, to, plays, dayLabel, barTitle, Map.of(), entry -> "");
    }

    /** As above, with the scans of the messages' QR codes per day (docs/LINKS.md). */
    static Chart of(LocalDate from, LocalDate to, Map<LocalDate, Long> plays, Function<LocalDate, String> dayLabel,
                    Function<Map.Entry<LocalDate, Long>, String> barTitle, Map<LocalDate, Long> scans,
                    Function<Map.Entry<LocalDate, Long>, String> scanTitle) {
        int days = (int) (to.toEpochDay() - from.toEpochDay()) + 1;
        double plotWidth = WIDTH - LEFT - RIGHT;
        double plotHeight = HEIGHT - TOP - BOTTOM;
        long most = Math.max(plays.values().stream().mapToLong(Long::longValue).max().orElse(0),
                scans.values().stream().mapToLong(Long::longValue).max().orElse(0));
        long step = step(most);
        long max = Math.max(step, (most + step - 1) / step * step);
        double slot = plotWidth / days;
        double barWidth = Math.max(1, slot * 0.7);
        int labelEvery = (days + MAX_LABELS - 1) / MAX_LABELS;

        List<Bar> bars = new ArrayList<>(days);
        List<Label> labels = new ArrayList<>();
        for (int i = 0; i < days; i++) {
            LocalDate day = from.plusDays(i);
            long count = plays.getOrDefault(day, 0L);
            double height = plotHeight * count / max;
            double x = LEFT + slot * i + (slot - barWidth) / 2;
            long scanned = scans.getOrDefault(day, 0L);
            double scanHeight = plotHeight * scanned / max;
            double scanWidth = barWidth * 0.4;
            bars.add(new Bar(day.toString(), count, round(x), round(TOP + plotHeight - height), round(barWidth), round(height),
                    barTitle.apply(Map.entry(day, count)), scanned, round(x + (barWidth - scanWidth) / 2),
                    round(TOP + plotHeight - scanHeight), round(scanWidth), round(scanHeight),
                    scanTitle.apply(Map.entry(day, scanned))));
            if (i % labelEvery == 0) {
                labels.add(new Label(dayLabel.apply(day), round(LEFT + slot * i + slot / 2)));
            }
        }
        List<Tick> ticks = new ArrayList<>();
        for (long value = 0; value <= max; value += step) {
            ticks.add(new Tick(value, round(TOP + plotHeight - plotHeight * value / max)));
        }
        return new Chart(WIDTH, HEIGHT, LEFT, WIDTH - RIGHT, TOP, TOP + (int) plotHeight, max, bars, ticks, labels);
    }

    /** A round step (1, 2 or 5 times a power of ten) giving at most five steps up to {@code most}. */
    static long step(long most) {
        long power = 1;
        while (true) {
            for (long factor : new long[]{1, 2, 5}) {
                long step = factor * power;
                if (most <= step * 5) {
                    return step;
                }
            }
            power *= 10;
        }
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
