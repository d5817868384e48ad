package dk.albertslund.signage.benchmark;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Locale;

/**
 * Not a test: holds many kiosk event streams ({@code GET /api/v1/kiosk/events}) open on
 * one server from a single thread, for {@code bench/sse.sh}. Device tokens are
 * {@code sgd_} and the device's number padded to 43 digits (the script inserts devices
 * with the SHA-256 of exactly these). Prints {@code opened OK FAILED} once every stream
 * has answered, then {@code events N STREAMS} whenever the number of "manifest" events
 * received, or of streams still open, changes. Runs until it is killed.
 *
 * <p>No dependencies, so the script runs it from source: {@code java EventStreamLoad.java
 * HOST PORT FIRST COUNT [AT_ONCE]}. AT_ONCE (200) is how many streams may be waiting for
 * their first answer at the same time, so the server's database pool sees a queue rather
 * than a flood.
 */
public final class EventStreamLoad {

    private static final byte[] MANIFEST_EVENT = "event: manifest".getBytes(StandardCharsets.US_ASCII);

    /** One stream: what it has sent, whether it has been answered, and how far "event: manifest" is matched. */
    private static final class Stream {
        final ByteBuffer request;
        boolean answered;
        int matched;

        Stream(ByteBuffer request) {
            this.request = request;
        }
    }

    private EventStreamLoad() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length < 4) {
            System.err.println("usage: EventStreamLoad HOST PORT FIRST COUNT [AT_ONCE]");
            System.exit(2);
        }
        InetSocketAddress server = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        int first = Integer.parseInt(args[2]);
        int count = Integer.parseInt(args[3]);
        int atOnce = args.length > 4 ? Integer.parseInt(args[4]) : 200;

        Selector selector = Selector.open();
        ByteBuffer buffer = ByteBuffer.allocateDirect(64 * 1024);
        int next = 0;
        int waiting = 0;
        int ok = 0;
        int failed = 0;
        int open = 0;
        long events = 0;
        boolean reported = false;
        String last = "";
        long started = System.nanoTime();
        while (true) {
            while (next < count && waiting < atOnce) {
                SocketChannel channel = SocketChannel.open();
                channel.configureBlocking(false);
                channel.setOption(StandardSocketOptions.SO_RCVBUF, 8 * 1024);
                channel.connect(server);
                String token = "sgd_" + String.format(Locale.ROOT, "%043d", first + next);
                ByteBuffer request = ByteBuffer.wrap(("GET /api/v1/kiosk/events HTTP/1.1\r\nHost: " + args[0] + "\r\n"
                        + "Authorization: Bearer " + token + "\r\nAccept: text/event-stream\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                channel.register(selector, SelectionKey.OP_CONNECT, new Stream(request));
                next++;
                waiting++;
            }
            selector.select(1000);
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
                        int read = channel.read(buffer);
                        if (read < 0) {
                            throw new IOException("closed");
                        }
                        buffer.flip();
                        if (!stream.answered) {
                            stream.answered = true;
                            waiting--;
                            // "HTTP/1.1 200": the status is bytes 9 to 11.
                            if (buffer.remaining() > 12 && buffer.get(9) == '2' && buffer.get(10) == '0' && buffer.get(11) == '0') {
                                ok++;
                                open++;
                            } else {
                                failed++;
                                key.cancel();
                                channel.close();
                                continue;
                            }
                        }
                        while (buffer.hasRemaining()) {
                            byte b = buffer.get();
                            if (b == MANIFEST_EVENT[stream.matched]) {
                                if (++stream.matched == MANIFEST_EVENT.length) {
                                    events++;
                                    stream.matched = 0;
                                }
                            } else {
                                stream.matched = b == MANIFEST_EVENT[0] ? 1 : 0;
                            }
                        }
                    }
                } catch (IOException e) {
                    if (!stream.answered) {
                        stream.answered = true;
                        waiting--;
                        failed++;
                    } else if (open > 0) {
                        open--;
                    }
                    key.cancel();
                    channel.close();
                }
            }
            if (!reported && next == count && waiting == 0) {
                reported = true;
                System.out.printf(Locale.ROOT, "opened %d %d in %.1f s%n", ok, failed, (System.nanoTime() - started) / 1e9);
            }
            if (reported) {
                String now = "events " + events + " " + open;
                if (!now.equals(last)) {
                    System.out.println(now);
                    last = now;
                }
            }
        }
    }
}
