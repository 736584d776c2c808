package io.streamhub.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Clients that ask for a segment and then read it slowly: each from a small receive buffer, a few
 * bytes per tick, one thread for all of them. Afterwards {@link #drain} reads what is left at full
 * speed and says, per connection, whether it got the whole body or the server closed it first —
 * a slow reader may be served or dropped, but never left hanging.
 */
final class SlowReaders implements AutoCloseable {

    private static final Pattern LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    /** One connection: its path, the response head as read so far, body bytes read, how it ended. */
    static final class Reader {
        final String path;
        final SocketChannel channel;
        final ByteArrayOutputStream head = new ByteArrayOutputStream();
        int status = -1;
        long length = -1;
        long bodyRead;
        boolean closedByServer;

        Reader(String path, SocketChannel channel) {
            this.path = path;
            this.channel = channel;
        }

        boolean complete() {
            return length >= 0 && bodyRead >= length;
        }

        boolean done() {
            return complete() || closedByServer;
        }

        /** Takes {@code n} bytes from {@code buf}: head until its blank line, body after. */
        void take(ByteBuffer buf) {
            while (buf.hasRemaining()) {
                if (length >= 0) {
                    bodyRead += buf.remaining();
                    buf.position(buf.limit());
                    return;
                }
                head.write(buf.get());
                byte[] h = head.toByteArray();
                int n = h.length;
                if (n >= 4 && h[n - 4] == '\r' && h[n - 3] == '\n' && h[n - 2] == '\r' && h[n - 1] == '\n') {
                    String text = new String(h, StandardCharsets.ISO_8859_1);
                    status = Integer.parseInt(text.substring(9, 12));
                    Matcher m = LENGTH.matcher(text);
                    length = m.find() ? Long.parseLong(m.group(1)) : Long.MAX_VALUE; // none: complete only at the close
                }
            }
        }
    }

    /** How the connections ended. */
    record Outcome(int readers, int complete, int closedEarly, int hanging, long bytes, List<Integer> statuses) {
    }

    private final List<Reader> readers = new ArrayList<>();
    private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "slow-readers");
        t.setDaemon(true);
        return t;
    });

    /**
     * Opens {@code count} connections to {@code port}, then asks on each for its path (round-robin over
     * {@code paths}) once, all requests in one go so that many join a fetch still in flight.
     */
    SlowReaders(SourceAddress from, int port, List<String> paths, int count, int receiveBuffer) throws IOException {
        try {
            for (int i = 0; i < count; i++) {
                readers.add(new Reader(paths.get(i % paths.size()), from.socket(port, receiveBuffer)));
            }
            for (Reader r : readers) {
                ByteBuffer request = ByteBuffer.wrap(("GET " + r.path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                while (request.hasRemaining()) {
                    r.channel.write(request);
                }
                r.channel.configureBlocking(false);
            }
        } catch (IOException e) {
            close();
            throw e;
        }
    }

    /** Reads at most {@code bytesPerTick} from each connection every {@code tick}, for {@code duration}. */
    void readSlowlyFor(Duration duration, int bytesPerTick, Duration tick) throws Exception {
        ByteBuffer buf = ByteBuffer.allocate(bytesPerTick);
        var task = ticker.scheduleAtFixedRate(() -> {
            for (Reader r : readers) {
                if (!r.done()) {
                    buf.clear();
                    read(r, buf);
                }
            }
        }, 0, tick.toMillis(), TimeUnit.MILLISECONDS);
        try {
            ticker.schedule(() -> { }, duration.toMillis(), TimeUnit.MILLISECONDS).get(duration.toSeconds() + 10, TimeUnit.SECONDS);
        } finally {
            task.cancel(false);
        }
        // The last tick may still run: wait until it has (the executor has one thread).
        ticker.submit(() -> { }).get(10, TimeUnit.SECONDS);
    }

    /** Reads everything left at full speed for at most {@code max}; what is neither complete nor closed then is hanging. */
    Outcome drain(Duration max) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(64 * 1024);
        long deadline = System.nanoTime() + max.toNanos();
        try (Selector selector = Selector.open()) {
            for (Reader r : readers) {
                if (!r.done()) {
                    r.channel.register(selector, SelectionKey.OP_READ, r);
                }
            }
            while (!selector.keys().isEmpty() && System.nanoTime() < deadline) {
                selector.select(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                for (SelectionKey key : selector.selectedKeys()) {
                    Reader r = (Reader) key.attachment();
                    while (!r.done()) {
                        buf.clear();
                        if (read(r, buf) <= 0) {
                            break;
                        }
                    }
                    if (r.done()) {
                        key.cancel();
                    }
                }
                selector.selectedKeys().clear();
                selector.selectNow(); // flushes the cancelled keys out of keys()
            }
        }
        int complete = 0;
        int closedEarly = 0;
        int hanging = 0;
        long bytes = 0;
        List<Integer> statuses = new ArrayList<>();
        for (Reader r : readers) {
            bytes += r.bodyRead;
            statuses.add(r.status);
            if (r.complete()) {
                complete++;
            } else if (r.closedByServer) {
                closedEarly++;
            } else {
                hanging++;
            }
        }
        return new Outcome(readers.size(), complete, closedEarly, hanging, bytes, statuses.stream().distinct().sorted().toList());
    }

    /** One non-blocking read into {@code buf}; an end of stream or a reset marks the reader closed by the server. */
    private static int read(Reader r, ByteBuffer buf) {
        try {
            int n = r.channel.read(buf);
            if (n < 0) {
                if (r.length == Long.MAX_VALUE) {
                    r.length = r.bodyRead; // no length given: the close ends the body
                }
                r.closedByServer = !r.complete();
                return n;
            }
            buf.flip();
            r.take(buf);
            return n;
        } catch (IOException e) {
            r.closedByServer = true;
            return -1;
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        for (Reader r : readers) {
            try {
                r.channel.close();
            } catch (IOException e) {
                // closing anyway
            }
        }
    }
}
