package dk.albertslund.signage.benchmark;

import dk.albertslund.signage.testing.Chromium;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: how long an approval takes to show on a kiosk in Chromium. The screen's
 * playlist takes every approved announcement of one institution; each round writes and
 * submits an announcement (not timed), then times from sending the approval until its
 * title is in the ticker band on screen. The browser stamps that moment itself (a
 * MutationObserver, Date.now() on the same machine's clock), so polling adds nothing.
 *
 * <p>Run with {@code bench/kiosk-publish.sh [publishes [warm-up]]} (50 and 5 by default).
 */
public final class KioskPublishBenchmark {

    private KioskPublishBenchmark() {
    }

    public static void main(String[] args) {
        KioskBench.runAndExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int publishes = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (KioskBench bench = KioskBench.start()) {
            bench.approved("Første forestilling", Map.of());
            bench.pairScreen("");
            System.out.printf(Locale.ROOT, "%s%npublish → visible: %d publishes after %d for warm-up%n",
                    KioskBench.machine(), publishes, warmUp);
            List<Long> visible = new ArrayList<>();
            List<Long> answered = new ArrayList<>();
            for (int i = 0; i < warmUp + publishes; i++) {
                String title = "Forestilling nummer " + (i + 1);
                String slug = bench.fixtures.unique("opslag");
                KioskBench.expect(bench.admin.post("/api/v1/announcements", Map.of("slug", slug,
                        "institution", bench.institution.slug(), "title", title, "body", "Billetter i foyeren.",
                        "language", "da", "category", "culture")), 201);
                KioskBench.expect(bench.admin.post("/api/v1/announcements/" + slug + "/submit", Map.of()), 200);
                bench.browser.js("""
                        const title = arguments[0];
                        window.benchSeenAt = null;
                        const track = document.getElementById('ticker-track');
                        const look = () => {
                          if ([...track.querySelectorAll('.ticker-item')].some(e => e.textContent === title)) {
                            window.benchSeenAt = Date.now();
                            observer.disconnect();
                          }
                        };
                        const observer = new MutationObserver(look);
                        observer.observe(track, { childList: true, subtree: true, characterData: true });
                        look();
                        """, title);
                long sent = System.currentTimeMillis();
                bench.fixtures.approve(slug).expect(200);
                long answer = System.currentTimeMillis() - sent;
                Object seenAt = Chromium.waitFor(Duration.ofSeconds(60), () -> bench.browser.js("return window.benchSeenAt;"));
                if (seenAt == null) {
                    throw new IllegalStateException("'" + title + "' did not show within 60 s");
                }
                long latency = ((Number) seenAt).longValue() - sent;
                if (i >= warmUp) {
                    visible.add(latency);
                    answered.add(answer);
                }
                Thread.sleep(250);
            }
            print("approval answered", answered);
            print("visible on the kiosk", visible);
            long p99 = percentile(visible, 99);
            System.out.printf(Locale.ROOT, "target p99 ≤ 2000 ms: %s (p99 %d ms)%n", p99 <= 2000 ? "met" : "NOT met", p99);
        }
    }

    private static void print(String what, List<Long> millis) {
        System.out.printf(Locale.ROOT, "%-22s p50 %5d ms  p90 %5d ms  p99 %5d ms  max %5d ms  mean %7.1f ms  (n=%d)%n", what,
                percentile(millis, 50), percentile(millis, 90), percentile(millis, 99),
                millis.stream().mapToLong(Long::longValue).max().orElse(0),
                millis.stream().mapToLong(Long::longValue).average().orElse(0), millis.size());
    }

    /** Nearest rank: with 50 samples p99 is the largest. */
    static long percentile(List<Long> millis, int p) {
        List<Long> sorted = millis.stream().sorted().toList();
        int rank = (int) Math.ceil(p / 100.0 * sorted.size());
        return sorted.get(Math.max(0, rank - 1));
    }
}
