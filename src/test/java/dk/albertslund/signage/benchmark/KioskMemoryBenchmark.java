package dk.albertslund.signage.benchmark;

import dk.albertslund.signage.testing.Chromium;
import dk.albertslund.signage.kiosk.KioskBrowser;

import java.awt.Color;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;

/**
 * Not a test: whether the kiosk player's memory stays flat over many slide transitions.
 * A main + side + ticker screen plays five slides (four text slides and a picture, fetched
 * through the service worker and hash-checked at every showing) with the benchmark's
 * shortened slides ({@code ?bench-slide-ms}, honoured only on a loopback address).
 * After a warm-up, the page's JS heap (after a full garbage collection, through Chrome's
 * DevTools protocol) and its DOM counters are read every tenth of the run.
 *
 * <p>Run with {@code bench/kiosk-memory.sh [transitions [warm-up [slide-ms]]]}
 * (10,000, 1,000 and 50 ms by default).
 */
public final class KioskMemoryBenchmark {

    private KioskMemoryBenchmark() {
    }

    public static void main(String[] args) {
        KioskBench.runAndExit(() -> run(args));
    }

    private static void run(String[] args) throws Exception {
        int transitions = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        int slideMs = args.length > 2 ? Integer.parseInt(args[2]) : 50;
        try (KioskBench bench = KioskBench.start()) {
            String sha256 = KioskBrowser.uploadPng(bench.admin, KioskBrowser.png(640, 360, new Color(0x2a9d8f)));
            for (String title : new String[] {"Koncert i salen", "Workshop for unge", "Åben scene", "Familieforestilling"}) {
                bench.approved(title, Map.of("durationSeconds", 3));
            }
            bench.approved("Udstilling i foyeren", Map.of("durationSeconds", 3, "media", sha256));
            bench.pairScreen("?bench-slide-ms=" + slideMs);
            bench.browser.driver().manage().timeouts().scriptTimeout(Duration.ofMinutes(2));
            Object ready = Chromium.waitFor(Duration.ofSeconds(60), () -> bench.browser.js(
                    "return window.kiosk.snapshot().media.ready.includes(arguments[0]);", sha256));
            if (!Boolean.TRUE.equals(ready)) {
                throw new IllegalStateException("the picture never became ready");
            }
            // every slide the player prepares is a new article in #slides: one per transition
            bench.browser.js("""
                    window.benchTransitions = 0;
                    new MutationObserver((records) => {
                      for (const r of records) for (const n of r.addedNodes) if (n.classList && n.classList.contains('slide')) window.benchTransitions++;
                    }).observe(document.getElementById('slides'), { childList: true });
                    """);
            System.out.printf(Locale.ROOT, "%s%nkiosk memory: %d transitions after %d for warm-up, slides of %d ms, 5 slides (1 picture)%n",
                    KioskBench.machine(), transitions, warmUp, slideMs);
            long warmUpStarted = System.currentTimeMillis();
            waitForTransitions(bench, warmUp);
            System.out.printf(Locale.ROOT, "warm-up: %d s%n", (System.currentTimeMillis() - warmUpStarted) / 1000);
            Sample base = sample(bench, 0);
            System.out.println("transitions  JS heap used  JS heap total  DOM nodes  listeners  documents  time");
            base.print();
            long started = System.currentTimeMillis();
            Sample last = base;
            for (int step = 1; step <= 10; step++) {
                long goal = warmUp + (long) transitions * step / 10;
                waitForTransitions(bench, goal);
                last = sample(bench, System.currentTimeMillis() - started);
                last.print();
            }
            double growth = 100.0 * (last.used - base.used) / base.used;
            int failures = ((Number) bench.browser.js("return window.kiosk.snapshot().failures.length;")).intValue();
            Object errors = bench.browser.js("return window.kiosk.snapshot().recentErrors.length;");
            System.out.printf(Locale.ROOT, "JS heap after warm-up %.2f MB, at the end %.2f MB: growth %+.1f %% (target ≤ 5 %%: %s); "
                            + "%.0f transitions a second; failed slides %d, recent errors %s%n",
                    base.used / 1e6, last.used / 1e6, growth, growth <= 5 ? "met" : "NOT met",
                    (last.transitions - base.transitions) * 1000.0 / Math.max(1, last.elapsedMs), failures, errors);
        }
    }

    /**
     * Waits inside the page for the counter to reach the goal, a minute per driver call at
     * most (the driver's own read timeout is three): polling the page through the driver
     * five times a second showed as steady heap growth of its own (DevTools protocol calls
     * leave a little behind in the page).
     */
    private static void waitForTransitions(KioskBench bench, long goal) {
        long before = -1;
        for (;;) {
            long count = ((Number) bench.browser.jsAsync("""
                    const [goal, done] = arguments;
                    const until = Date.now() + 60000;
                    const check = () => {
                      if (window.benchTransitions >= goal || Date.now() > until) return done(window.benchTransitions);
                      setTimeout(check, 250);
                    };
                    check();
                    """, goal)).longValue();
            if (count >= goal) {
                return;
            }
            if (count == before) {
                throw new IllegalStateException("the player stopped moving on at " + count + " transitions: "
                        + bench.browser.js("return JSON.stringify(window.kiosk.snapshot().recentErrors);"));
            }
            before = count;
        }
    }

    private record Sample(long transitions, long used, long total, long nodes, long listeners, long documents, long elapsedMs) {
        void print() {
            System.out.printf(Locale.ROOT, "%11d  %9.2f MB  %10.2f MB  %9d  %9d  %9d  %4d s%n",
                    transitions, used / 1e6, total / 1e6, nodes, listeners, documents, elapsedMs / 1000);
        }
    }

    /** Collects garbage, then reads the heap and the DOM counters. */
    @SuppressWarnings("unchecked")
    private static Sample sample(KioskBench bench, long elapsedMs) {
        long transitions = ((Number) bench.browser.js("return window.benchTransitions;")).longValue();
        var driver = bench.browser.driver();
        driver.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        driver.executeCdpCommand("HeapProfiler.collectGarbage", Map.of());
        Map<String, Object> heap = driver.executeCdpCommand("Runtime.getHeapUsage", Map.of());
        Map<String, Object> dom = driver.executeCdpCommand("Memory.getDOMCounters", Map.of());
        return new Sample(transitions, number(heap.get("usedSize")), number(heap.get("totalSize")),
                number(dom.get("nodes")), number(dom.get("jsEventListeners")), number(dom.get("documents")), elapsedMs);
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }
}
