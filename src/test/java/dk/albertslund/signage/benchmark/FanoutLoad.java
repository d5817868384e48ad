package dk.albertslund.signage.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: {@code bench/fanout.sh}'s kiosks and staff. Holds STREAMS kiosk event
 * streams open on one or more servers (device n's token is {@code sgd_} and n padded to 43
 * digits; devices 1..STREAMS are split into one block per server), then makes changes
 * through the staff API one after another and times each from sending the request to the
 * last stream it reaches receiving its "manifest" event. A group change replaces the items
 * of group g's playlist ({@code fan-g<g>}; screen n is in group ((n - 1) mod GROUPS) + 1),
 * an all-screens change those of {@code fan-all}; each toggles between one and two of the
 * given announcements. A probe asks for device 1's manifest every 100 ms throughout, to see
 * whether the fan-out holds up manifest requests.
 *
 * <p>No dependencies, so the script runs it from source: {@code java FanoutLoad.java
 * SERVERS STREAMS GROUPS GROUP_CHANGES ALL_CHANGES STAFF_TOKEN SLUG1,SLUG2,SLUG3,SLUG4 [AT_ONCE]}
 * where SERVERS is {@code host:port,host:port,...}. Prints one line per change and a summary.
 */
public final class FanoutLoad {

    private static final byte[] MANIFEST_EVENT = "event: manifest".getBytes(StandardCharsets.US_ASCII);

    /** "manifest" events received since start, and when the last one arrived (System.nanoTime). */
    private static final AtomicLong EVENTS = new AtomicLong();
    private static final AtomicLong LAST_EVENT_AT = new AtomicLong();
    private static volatile int open;
    private static volatile int failed;
    private static volatile boolean opened;

    /** Streams open per group (index 0: all of them). */
    private static volatile int[] openPerGroup;

    private static final class Stream {
        final ByteBuffer request;
        final int group;
        boolean answered;
        int matched;

        Stream(ByteBuffer request, int group) {
            this.request = request;
            this.group = group;
        }
    }

    private FanoutLoad() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 7) {
            System.err.println("usage: FanoutLoad SERVERS STREAMS GROUPS GROUP_CHANGES ALL_CHANGES STAFF_TOKEN SLUGS [AT_ONCE]");
            System.exit(2);
        }
        String[] servers = args[0].split(",");
        int streams = Integer.parseInt(args[1]);
        int groups = Integer.parseInt(args[2]);
        int groupChanges = Integer.parseInt(args[3]);
        int allChanges = Integer.parseInt(args[4]);
        String staff = args[5];
        String[] slugs = args[6].split(",");
        int atOnce = args.length > 7 ? Integer.parseInt(args[7]) : 50;

        Thread streamer = new Thread(() -> {
            try {
                holdStreams(servers, streams, groups, atOnce);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }, "streams");
        streamer.setDaemon(true);
        long started = System.nanoTime();
        streamer.start();
        while (!opened) {
            Thread.sleep(200);
        }
        System.out.printf(Locale.ROOT, "opened %d %d in %.1f s%n", open, failed, (System.nanoTime() - started) / 1e9);
        Thread.sleep(3_000);

        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        String base = "http://" + servers[0];
        List<Long> probes = new ArrayList<>();
        Thread probe = new Thread(() -> probe(http, base, probes), "probe");
        probe.setDaemon(true);
        probe.start();

        // Interleaved: a change for every screen after every tenth group change.
        int perGroup = streams / groups;
        int held = open;
        int[] heldPerGroup = openPerGroup;
        List<Double> groupTimes = new ArrayList<>();
        List<Double> allTimes = new ArrayList<>();
        boolean[] twoItems = new boolean[groups + 1];
        int all = 0;
        int missed = 0;
        int every = Math.max(1, groupChanges / Math.max(1, allChanges));
        for (int change = 0, g = 0; change < groupChanges + allChanges; change++) {
            boolean forAll = all < allChanges && (change + 1) % (every + 1) == 0 || g >= groupChanges;
            int group = forAll ? 0 : g % groups + 1;
            String playlist = forAll ? "fan-all" : "fan-g" + group;
            twoItems[group] = !twoItems[group];
            String items = forAll ? itemsJson(twoItems[0], slugs[2], slugs[3]) : itemsJson(twoItems[group], slugs[0], slugs[1]);
            int expected = heldPerGroup[group];
            long base0 = EVENTS.get();
            long sent = System.nanoTime();
            HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/playlists/" + playlist + "/items"))
                    .header("Authorization", "Bearer " + staff).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString("{\"items\":" + items + "}")).build(), HttpResponse.BodyHandlers.ofString());
            double answered = (System.nanoTime() - sent) / 1e9;
            if (answer.statusCode() != 200) {
                throw new IllegalStateException(playlist + ": " + answer.statusCode() + " " + answer.body());
            }
            long deadline = sent + Duration.ofSeconds(30).toNanos();
            while (EVENTS.get() - base0 < expected && System.nanoTime() < deadline) {
                Thread.sleep(2);
            }
            long heard = EVENTS.get() - base0;
            double last = (LAST_EVENT_AT.get() - sent) / 1e9;
            if (heard < expected) {
                missed++;
            }
            (forAll ? allTimes : groupTimes).add(last);
            System.out.printf(Locale.ROOT, "change %d %s: answered in %.3f s, %d of %d streams heard it, the last %.3f s after sending%n",
                    change + 1, playlist, answered, heard, expected, last);
            if (forAll) {
                all++;
            } else {
                g++;
            }
            Thread.sleep(1_000);
        }
        probe.interrupt();
        System.out.println();
        System.out.printf(Locale.ROOT, "%-34s %8s %8s %8s %8s%n", "time to the last stream (s)", "changes", "p50", "p99", "max");
        summary("group of " + perGroup + " screens", groupTimes);
        summary("all screens", allTimes);
        List<Long> probed;
        synchronized (probes) {
            probed = new ArrayList<>(probes);
        }
        List<Double> ms = probed.stream().map(n -> n / 1e6).toList();
        System.out.printf(Locale.ROOT, "manifest probe during the changes: %d requests, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                ms.size(), percentile(ms, 50), percentile(ms, 99), percentile(ms, 100));
        System.out.printf(Locale.ROOT, "streams still open: %d of %d; changes not heard by every stream within 30 s: %d%n",
                open, held, missed);
    }

    private static String itemsJson(boolean two, String first, String second) {
        return two ? "[\"" + first + "\",\"" + second + "\"]" : "[\"" + first + "\"]";
    }

    private static void summary(String what, List<Double> times) {
        if (!times.isEmpty()) {
            System.out.printf(Locale.ROOT, "%-34s %8d %8.2f %8.2f %8.2f%n", what, times.size(), percentile(times, 50),
                    percentile(times, 99), percentile(times, 100));
        }
    }

    /** Nearest rank. */
    private static double percentile(List<Double> values, int p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** Device 1's manifest, every 100 ms, timed. */
    private static void probe(HttpClient http, String base, List<Long> probes) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + "/api/v1/kiosk/manifest"))
                .header("Authorization", "Bearer sgd_" + String.format(Locale.ROOT, "%043d", 1)).timeout(Duration.ofSeconds(30)).build();
        while (!Thread.currentThread().isInterrupted()) {
            long start = System.nanoTime();
            try {
                http.send(request, HttpResponse.BodyHandlers.discarding());
                synchronized (probes) {
                    probes.add(System.nanoTime() - start);
                }
                Thread.sleep(100);
            } catch (IOException e) {
                synchronized (probes) {
                    probes.add(System.nanoTime() - start);
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One thread, every stream: opens them AT_ONCE at a time, then counts "manifest" events as they arrive. */
    private static void holdStreams(String[] servers, int count, int groups, int atOnce) throws IOException {
        int[] perGroup = new int[groups + 1];
        Selector selector = Selector.open();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        int next = 0;
        int waiting = 0;
        while (true) {
            while (next < count && waiting < atOnce) {
                String server = servers[(int) ((long) next * servers.length / count)];
                String[] hostPort = server.split(":");
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.connect(new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1])));
                String token = "sgd_" + String.format(Locale.ROOT, "%043d", next + 1);
                ByteBuffer request = ByteBuffer.wrap(("GET /api/v1/kiosk/events HTTP/1.1\r\nHost: " + server + "\r\n"
                        + "Authorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                channel.register(selector, SelectionKey.OP_CONNECT, new Stream(request, next % groups + 1));
                next++;
                waiting++;
            }
            selector.select(1000);
            long now = System.nanoTime();
            Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
            while (keys.hasNext()) {
                SelectionKey key = keys.next();
                keys.remove();
                Stream stream = (Stream) key.attachment();
                SocketChannel channel = (SocketChannel) key.channel();
                try {
                    if (key.isConnectable()) {
                        channel.finishConnect();
                        key.interestOps(SelectionKey.OP_WRITE);
                    } else if (key.isWritable()) {
                        channel.write(stream.request);
                        if (!stream.request.hasRemaining()) {
                            key.interestOps(SelectionKey.OP_READ);
                        }
                    } else if (key.isReadable()) {
                        buffer.clear();
                        if (channel.read(buffer) < 0) {
                            throw new IOException("closed");
                        }
                        buffer.flip();
                        if (!stream.answered) {
                            stream.answered = true;
                            waiting--;
                            // "HTTP/1.1 200": the status is bytes 9 to 11.
                            if (buffer.remaining() > 12 && buffer.get(9) == '2' && buffer.get(10) == '0' && buffer.get(11) == '0') {
                                open++;
                                perGroup[0]++;
                                perGroup[stream.group]++;
                            } else {
                                failed++;
                                key.cancel();
                                channel.close();
                                continue;
                            }
                        }
                        int heard = 0;
                        while (buffer.hasRemaining()) {
                            byte b = buffer.get();
                            if (b == MANIFEST_EVENT[stream.matched]) {
                                if (++stream.matched == MANIFEST_EVENT.length) {
                                    heard++;
                                    stream.matched = 0;
                                }
                            } else {
                                stream.matched = b == MANIFEST_EVENT[0] ? 1 : 0;
                            }
                        }
                        if (heard > 0) {
                            LAST_EVENT_AT.set(now);
                            EVENTS.addAndGet(heard);
                        }
                    }
                } catch (IOException e) {
                    if (!stream.answered) {
                        stream.answered = true;
                        waiting--;
                        failed++;
                    } else {
                        open--;
                        perGroup[0]--;
                        perGroup[stream.group]--;
                    }
                    key.cancel();
                    channel.close();
                }
            }
            if (next == count && waiting == 0 && !opened) {
                openPerGroup = perGroup.clone();
                opened = true;
            }
        }
    }

}
