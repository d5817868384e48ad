package dk.albertslund.signage.kiosk;

import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.sse.Event;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import io.micronaut.runtime.graceful.GracefulShutdownCapable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.util.concurrent.Queues;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The open event streams of this server's kiosks. A kiosk hears "manifest" when its
 * screen's manifest changed and "emergency" when an emergency began or ended; the event
 * id is the manifest's ETag, so a kiosk that reconnects with Last-Event-ID is told at
 * once if it missed a change, on whichever server it lands. One timer writes a comment
 * to every stream every 25 s so proxies keep them open. Past the connection limit a
 * kiosk is refused and polls instead.
 */
@Singleton
public class KioskEvents implements GracefulShutdownCapable {

    static final Duration KEEP_ALIVE = Duration.ofSeconds(25);

    /**
     * Events a stream may have waiting for its kiosk. A kiosk reads what it is sent at once;
     * one that has not taken 32 events (a change and a keep-alive every 25 s make that
     * minutes) is slow or gone, and is dropped rather than waited on or buffered for: it
     * reconnects with its Last-Event-ID and hears of what it missed, or polls.
     */
    static final int BUFFER = 32;

    /**
     * One kiosk's stream. Sends to it are serialised (the refresher's batches, the keep-alive
     * timer and shutdown may send at once; the sink takes one sender at a time), and
     * {@code dropped} ends it for the kiosk without waiting for what is buffered.
     */
    private record Stream(long screenId, long deviceId, Sinks.Many<Event<String>> sink, Sinks.Empty<Void> dropped) {

        /** False when the kiosk has not kept up and the stream is to be dropped. */
        boolean send(Event<String> event) {
            Sinks.EmitResult result;
            synchronized (this) {
                result = sink.tryEmitNext(event);
            }
            return result != Sinks.EmitResult.FAIL_OVERFLOW;
        }
    }

    /**
     * One device token once held 2,000 streams open. A kiosk needs one; a reload, or a
     * connection whose end the server has not noticed yet, briefly makes two or three. Past
     * this, the device's oldest stream is ended rather than the new one refused: refusing would
     * lock out exactly the kiosk that reloaded (its stale streams still count), while ending
     * the oldest keeps the newest working and still caps what one token can hold.
     */
    static final int PER_DEVICE = 3;

    /** Each device's streams, oldest first. */
    private final Map<Long, java.util.Deque<Stream>> byDevice = new ConcurrentHashMap<>();

    private final Map<Long, Set<Stream>> byScreen = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong dropped = new java.util.concurrent.atomic.AtomicLong();
    private final int limit;
    private final ScheduledExecutorService keepAlive = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "kiosk-events-keep-alive");
        thread.setDaemon(true);
        return thread;
    });

    KioskEvents(@Value("${signage.kiosk.max-event-streams:20000}") int limit) {
        this.limit = limit;
        keepAlive.scheduleAtFixedRate(this::keepAlive, KEEP_ALIVE.toSeconds(), KEEP_ALIVE.toSeconds(), TimeUnit.SECONDS);
    }

    /**
     * A stream for a kiosk of this screen, or null when the server holds as many as it may.
     *
     * @param lastEventId the ETag the kiosk last heard of (Last-Event-ID), if any
     * @param currentEtag the screen's manifest ETag now
     */
    public @Nullable Flux<Event<String>> open(long screenId, long deviceId, @Nullable String lastEventId, String currentEtag) {
        if (open.incrementAndGet() > limit) {
            open.decrementAndGet();
            return null;
        }
        Sinks.Many<Event<String>> sink = Sinks.many().unicast().onBackpressureBuffer(Queues.<Event<String>>get(BUFFER).get());
        Stream stream = new Stream(screenId, deviceId, sink, Sinks.empty());
        byScreen.computeIfAbsent(screenId, id -> ConcurrentHashMap.newKeySet()).add(stream);
        java.util.List<Stream> evicted = new java.util.ArrayList<>();
        java.util.Deque<Stream> mine = byDevice.computeIfAbsent(deviceId, id -> new java.util.ArrayDeque<>());
        synchronized (mine) {
            mine.addLast(stream);
            while (mine.size() > PER_DEVICE) {
                evicted.add(mine.pollFirst());
            }
        }
        // Ended outside the lock: completing runs doFinally, which takes it again.
        evicted.forEach(old -> {
            synchronized (old) {
                old.sink().tryEmitComplete();
            }
            close(old);
        });
        if (lastEventId != null && !lastEventId.equals(currentEtag)) {
            stream.send(manifestEvent(currentEtag));
        }
        return sink.asFlux().takeUntilOther(stream.dropped().asMono()).doFinally(signal -> close(stream));
    }

    /**
     * Tells the kiosks of this screen that their manifest is now {@code etag}. Never waits:
     * each event goes into its stream's buffer and Netty writes it on the stream's own event
     * loop; a stream whose buffer is full is dropped.
     */
    public void manifestChanged(long screenId, String etag, boolean emergencyChanged) {
        Set<Stream> streams = byScreen.get(screenId);
        if (streams == null) {
            return;
        }
        Event<String> manifest = manifestEvent(etag);
        Event<String> emergency = emergencyChanged ? Event.of("{\"etag\":" + etag + "}").name("emergency").id(etag) : null;
        for (Stream stream : streams) {
            if (emergency != null && !stream.send(emergency) || !stream.send(manifest)) {
                drop(stream);
            }
        }
    }

    /** Streams dropped because their kiosk did not keep up, since start. */
    long dropped() {
        return dropped.get();
    }

    private void drop(Stream stream) {
        dropped.incrementAndGet();
        close(stream);
        stream.dropped().tryEmitEmpty();
    }

    public int openStreams() {
        return open.get();
    }

    private static Event<String> manifestEvent(String etag) {
        // The ETag already carries its quotes, so it is a JSON string as it stands.
        return Event.of("{\"etag\":" + etag + "}").name("manifest").id(etag);
    }

    private void keepAlive() {
        Event<String> comment = Event.of("").comment("keep-alive");
        for (Set<Stream> streams : byScreen.values()) {
            for (Stream stream : streams) {
                if (!stream.send(comment)) {
                    drop(stream);
                }
            }
        }
    }

    /** Open streams of one device, as far as this server knows. */
    int openStreams(long deviceId) {
        java.util.Deque<Stream> mine = byDevice.getOrDefault(deviceId, new java.util.ArrayDeque<>());
        synchronized (mine) {
            return mine.size();
        }
    }

    private void close(Stream stream) {
        java.util.Deque<Stream> mine = byDevice.get(stream.deviceId());
        if (mine != null) {
            synchronized (mine) {
                mine.remove(stream);
            }
        }
        Set<Stream> streams = byScreen.get(stream.screenId());
        if (streams != null && streams.remove(stream)) {
            open.decrementAndGet();
        }
    }

    /**
     * A server that is stopping sends its kiosks elsewhere before it goes: every stream is
     * told to come back after a second or a few (spread, so a thousand kiosks do not all
     * arrive at once) and then ended cleanly; the kiosk reconnects through the load
     * balancer with its Last-Event-ID and so hears of any change it missed
     * (docs/OPERATIONS.md, "Stopping a server").
     */
    @Override
    public CompletionStage<?> shutdownGracefully() {
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (Set<Stream> streams : byScreen.values()) {
            for (Stream stream : Set.copyOf(streams)) {
                stream.send(Event.of("{}").name("reconnect")
                        .retry(java.time.Duration.ofMillis(1_000 + random.nextInt(4_000))));
                synchronized (stream) {
                    stream.sink().tryEmitComplete();
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @PreDestroy
    void stop() {
        keepAlive.shutdownNow();
        byScreen.values().forEach(streams -> streams.forEach(s -> s.sink().tryEmitComplete()));
    }
}
