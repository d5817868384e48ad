package dk.albertslund.signage.kiosk;

import io.micronaut.http.sse.Event;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Subscription;
import reactor.core.publisher.BaseSubscriber;
import reactor.core.publisher.Flux;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** Event streams are sent to without waiting: a kiosk that does not keep up is dropped, the others get every event. */
class KioskEventsTest {

    private final KioskEvents events = new KioskEvents(100);

    @AfterEach
    void stop() {
        events.stop();
    }

    /** A kiosk that reads what it is sent (or, with {@code reads} false, never reads anything). */
    private static final class Kiosk extends BaseSubscriber<Event<String>> {
        final List<String> ids = new CopyOnWriteArrayList<>();
        final CountDownLatch ended = new CountDownLatch(1);
        private final boolean reads;

        Kiosk(boolean reads) {
            this.reads = reads;
        }

        @Override
        protected void hookOnSubscribe(Subscription subscription) {
            if (reads) {
                subscription.request(Long.MAX_VALUE);
            }
        }

        @Override
        protected void hookOnNext(Event<String> event) {
            ids.add(event.getId());
        }

        @Override
        protected void hookFinally(reactor.core.publisher.SignalType type) {
            ended.countDown();
        }
    }

    private Kiosk connect(long screenId, long deviceId, boolean reads) {
        Flux<Event<String>> stream = events.open(screenId, deviceId, null, "\"a\"");
        Kiosk kiosk = new Kiosk(reads);
        stream.subscribe(kiosk);
        return kiosk;
    }

    @Test
    void a_kiosk_that_has_not_read_32_events_is_dropped_and_the_one_beside_it_still_hears_every_change() throws Exception {
        Kiosk stalled = connect(7, 1, false);
        Kiosk reading = connect(7, 2, true);

        for (int i = 1; i <= KioskEvents.BUFFER + 1; i++) {
            events.manifestChanged(7, "\"v" + i + "\"", false);
        }

        assertThat(stalled.ended.await(1, TimeUnit.SECONDS)).as("the stalled stream ended").isTrue();
        assertThat(stalled.ids).isEmpty();
        assertThat(events.dropped()).isEqualTo(1);
        assertThat(events.openStreams()).isEqualTo(1);
        assertThat(reading.ids).hasSize(KioskEvents.BUFFER + 1).startsWith("\"v1\"").endsWith("\"v33\"");
        events.manifestChanged(7, "\"v34\"", false);
        assertThat(reading.ids).endsWith("\"v34\"");
    }

    @Test
    void changes_sent_from_several_threads_at_once_all_arrive_none_lost_to_a_clash() throws Exception {
        Kiosk kiosk = connect(9, 3, true);
        ExecutorService senders = Executors.newFixedThreadPool(4);
        for (int thread = 0; thread < 4; thread++) {
            int t = thread;
            senders.execute(() -> {
                for (int i = 0; i < 500; i++) {
                    events.manifestChanged(9, "\"t" + t + "-" + i + "\"", false);
                }
            });
        }
        senders.shutdown();
        assertThat(senders.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        assertThat(kiosk.ids).hasSize(2_000);
        assertThat(events.dropped()).isZero();
    }
}
