package io.streamhub.router.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A real HTTP server standing in for an origin router: it serves what a test puts in it, counts
 * every request per path, and can hold, delay or fail answers on command.
 */
public final class TestUpstream implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool();
    private final Map<String, Supplier<byte[]>> objects = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> holds = new ConcurrentHashMap<>();
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    private final Map<String, Integer> ages = new ConcurrentHashMap<>();
    private final List<String> queries = new CopyOnWriteArrayList<>();
    private final Map<String, List<String>> headers = new ConcurrentHashMap<>();
    private final Map<String, Pause> pauses = new ConcurrentHashMap<>();
    private final Map<String, Integer> breaks = new ConcurrentHashMap<>();
    private final Set<String> chunked = ConcurrentHashMap.newKeySet();
    private final Map<String, Trickle> trickles = new ConcurrentHashMap<>();
    private final Map<String, ErrorBody> errorBodies = new ConcurrentHashMap<>();
    private final Map<String, java.util.concurrent.atomic.AtomicLong> sent = new ConcurrentHashMap<>();

    /** An error answer with a body of {@code bytes}, sent chunked in 64 KiB writes. */
    private record ErrorBody(int status, long bytes) {
    }

    /** Sends the body in {@code parts} equal writes, {@code intervalMillis} apart. */
    private record Trickle(int parts, long intervalMillis) {
    }

    /** Sends the head and the first {@code bytes} of the body, then waits for the latch. */
    private record Pause(int bytes, CountDownLatch latch) {
    }

    private TestUpstream() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        server.createContext("/", this::handle);
        server.setExecutor(pool);
        server.start();
    }

    public static TestUpstream start() {
        try {
            return new TestUpstream();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public TestUpstream put(String path, byte[] body) {
        objects.put(path, () -> body);
        return this;
    }

    public TestUpstream put(String path, String body) {
        return put(path, body.getBytes(StandardCharsets.UTF_8));
    }

    /** A body computed per request (e.g. a live playlist that advances with time). */
    public TestUpstream dynamic(String path, Supplier<String> body) {
        objects.put(path, () -> body.get().getBytes(StandardCharsets.UTF_8));
        return this;
    }

    /** Requests for {@code path} wait until {@link #release(String)}. */
    public void hold(String path) {
        holds.put(path, new CountDownLatch(1));
    }

    /** Requests for {@code path} get the head and the first {@code bytes} of the body, the rest after {@link #release(String)}. */
    public void pauseAfter(String path, int bytes) {
        pauses.put(path, new Pause(bytes, new CountDownLatch(1)));
    }

    /**
     * Requests for {@code path} get the head and the first {@code bytes}, then the connection drops
     * mid-body; with {@link #pauseAfter} too, it drops on {@link #release(String)} instead.
     */
    public void breakAfter(String path, int bytes) {
        breaks.put(path, bytes);
    }

    /** {@code path}'s body is sent in {@code parts} pieces, {@code intervalMillis} apart: slow, but never silent for long. */
    public TestUpstream trickle(String path, int parts, long intervalMillis) {
        trickles.put(path, new Trickle(parts, intervalMillis));
        return this;
    }

    /** {@code path} is sent with chunked transfer encoding, its length not declared. */
    public TestUpstream chunked(String path) {
        chunked.add(path);
        return this;
    }

    public void release(String path) {
        CountDownLatch latch = holds.remove(path);
        if (latch != null) {
            latch.countDown();
        }
        Pause pause = pauses.remove(path);
        if (pause != null) {
            pause.latch().countDown();
        }
    }

    /** Answer {@code path} with this status (e.g. 500) until {@link #heal(String)}. */
    public void fail(String path, int status) {
        failures.put(path, status);
    }

    /** Answer {@code path} with this status and a body of {@code bytes} (a huge error page), until {@link #heal(String)}. */
    public void failWithBody(String path, int status, long bytes) {
        errorBodies.put(path, new ErrorBody(status, bytes));
    }

    /** Body bytes this server managed to write for {@code path} (before the client hung up, for a cut one). */
    public long sent(String path) {
        var n = sent.get(path);
        return n == null ? 0 : n.get();
    }

    public void heal(String path) {
        errorBodies.remove(path);
        failures.remove(path);
        breaks.remove(path);
    }

    /** Every raw query string a request carried (a router must never forward one). */
    public List<String> queries() {
        return List.copyOf(queries);
    }

    /** The values of this request header, one per request that carried it. */
    public List<String> headerValues(String name) {
        return List.copyOf(headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of()));
    }

    /** Answers {@code path} with this {@code Age}, as a cache in front of the origin would. */
    public TestUpstream age(String path, int seconds) {
        ages.put(path, seconds);
        return this;
    }

    public int count(String path) {
        AtomicInteger c = counts.get(path);
        return c == null ? 0 : c.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        counts.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
        exchange.getRequestHeaders().forEach((name, values) -> headers
                .computeIfAbsent(name.toLowerCase(java.util.Locale.ROOT), n -> new CopyOnWriteArrayList<>()).addAll(values));
        if (exchange.getRequestURI().getRawQuery() != null) {
            queries.add(exchange.getRequestURI().getRawQuery());
        }
        boolean brokenOff = false;
        try {
            CountDownLatch hold = holds.get(path);
            if (hold != null) {
                try {
                    hold.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            Integer failure = failures.get(path);
            if (failure != null) {
                exchange.sendResponseHeaders(failure, -1);
                return;
            }
            ErrorBody error = errorBodies.get(path);
            if (error != null) {
                exchange.sendResponseHeaders(error.status(), 0);
                byte[] page = new byte[64 * 1024];
                var count = sent.computeIfAbsent(path, p -> new java.util.concurrent.atomic.AtomicLong());
                for (long left = error.bytes(); left > 0; left -= page.length) {
                    exchange.getResponseBody().write(page, 0, (int) Math.min(page.length, left));
                    count.addAndGet(Math.min(page.length, left));
                }
                return;
            }
            Supplier<byte[]> object = objects.get(path);
            if (object == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = object.get();
            Integer age = ages.get(path);
            if (age != null) {
                exchange.getResponseHeaders().set("Age", Integer.toString(age));
            }
            exchange.getResponseHeaders().set("ETag", etagOf(body));
            exchange.sendResponseHeaders(200, chunked.contains(path) ? 0 : body.length);
            OutputStream out = exchange.getResponseBody();
            Pause pause = pauses.get(path);
            Integer cut = breaks.get(path);
            Trickle trickle = trickles.get(path);
            int first = Math.min(body.length, pause != null ? pause.bytes() : cut != null ? cut : trickle != null ? 0 : body.length);
            out.write(body, 0, first);
            if (pause != null) {
                out.flush();
                awaitQuietly(pause.latch());
            }
            if (cut != null) {
                out.flush();
                // Leaving the handler by an exception makes the server drop the connection mid-body.
                throw new BrokenOff();
            }
            if (trickle == null) {
                out.write(body, first, body.length - first);
            } else {
                int part = (body.length - first + trickle.parts() - 1) / trickle.parts();
                for (int at = first; at < body.length; at += part) {
                    out.write(body, at, Math.min(part, body.length - at));
                    out.flush();
                    sleepQuietly(trickle.intervalMillis());
                }
            }
        } catch (BrokenOff e) {
            brokenOff = true;
            throw e;
        } catch (IOException e) {
            // The router gave up on us (reset after its deadline): nothing to answer.
        } finally {
            if (!brokenOff) {
                exchange.close();
            }
        }
    }

    /** The entity tag this server sends for a body. */
    public static String etagOf(byte[] body) {
        return "\"u" + Integer.toHexString(java.util.Arrays.hashCode(body)) + '"';
    }

    /** Paces a trickled body (what a slow upstream does); tests themselves wait on conditions, never on this. */
    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final class BrokenOff extends RuntimeException {
        BrokenOff() {
            super("broken off mid-body on purpose", null, false, false);
        }
    }

    @Override
    public void close() {
        holds.values().forEach(CountDownLatch::countDown);
        server.stop(0);
        pool.shutdownNow();
    }
}
