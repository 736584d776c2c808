package io.streamhub.router.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.streamhub.router.support.OriginClaims;
import io.streamhub.router.support.TestUpstream;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Streamed misses: waiters of a collapsed miss get the bytes as the upstream sends them, never a
 * cut body presented as whole, while HEAD, Range and conditional requests wait for the cached
 * object. The upstream is a real HTTP server that stops mid-body on command.
 */
@QuarkusTest
@TestProfile(StreamingProfile.class)
@WithTestResource(RedisTestResource.class)
class StreamedMissTest {

    static final int SIZE = 1 << 20;
    static final int FIRST = 256 * 1024;

    static TestUpstream node;
    static ExecutorService readers;
    static HttpClient client;

    @Inject
    RedisDataSource redis;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;

    double cacheCount(String result) {
        var c = registry.find("streamhub.router.cache.lookups").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    @BeforeAll
    static void start() {
        node = TestUpstream.start();
        readers = Executors.newCachedThreadPool();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        node.close();
        readers.shutdownNow();
    }

    @BeforeEach
    void registerNode() {
        redis.hash(String.class).hset("sh:node:node-s", "hlsUrl", node.baseUrl());
    }

    void claim(String room) {
        OriginClaims.claim(redis, "shop", room, "node-s");
    }

    static byte[] randomBytes(long seed) {
        byte[] b = new byte[SIZE];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** A GET read as it arrives: how many body bytes so far, and the whole response or the failure at the end. */
    record Reading(AtomicLong received, CompletableFuture<HttpResponse<byte[]>> done) {
    }

    Reading read(String path, String... headers) {
        AtomicLong received = new AtomicLong();
        CompletableFuture<HttpResponse<byte[]>> done = new CompletableFuture<>();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        client.sendAsync(request.build(), HttpResponse.BodyHandlers.ofInputStream()).whenComplete((response, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            readers.execute(() -> {
                try (InputStream in = response.body()) {
                    ByteArrayOutputStream body = new ByteArrayOutputStream();
                    byte[] buf = new byte[16 * 1024];
                    for (int n; (n = in.read(buf)) >= 0; ) {
                        body.write(buf, 0, n);
                        received.addAndGet(n);
                    }
                    done.complete(new Whole(response, body.toByteArray()));
                } catch (IOException e) {
                    done.completeExceptionally(e);
                }
            });
        });
        return new Reading(received, done);
    }

    HttpResponse<byte[]> send(String method, String path, String... headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).timeout(Duration.ofSeconds(30));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    @Test
    void fiveHundredConcurrentMissesCauseExactlyOneUpstreamFetch() throws Exception {
        String path = "/hls/shop/herd/seg1.ts";
        byte[] body = randomBytes(11);
        node.put(path, body);
        node.hold(path);
        claim("herd");
        double collapsedBefore = cacheCount("collapsed");

        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path))
                .timeout(Duration.ofSeconds(60)).build();
        List<CompletableFuture<HttpResponse<byte[]>>> responses = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            responses.add(client.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray()));
        }
        // Hold the single upstream answer until every one of the 500 requests has joined it. This profile's
        // upstream timeout (20 s) outlasts the wait: under 1.5 s (MasterProfile) a slow start split the herd.
        await().atMost(Duration.ofSeconds(60)).until(() -> cacheCount("collapsed") - collapsedBefore >= 499);
        assertEquals(1, node.count(path), "one fetch in flight for 500 waiting viewers");
        node.release(path);

        for (CompletableFuture<HttpResponse<byte[]>> f : responses) {
            HttpResponse<byte[]> r = f.get();
            assertEquals(200, r.statusCode());
            assertArrayEquals(body, r.body());
        }
        assertEquals(1, node.count(path), "the upstream saw exactly one request");
        given().get(path).then().statusCode(200).header("X-Cache", "HIT");
        assertEquals(1, node.count(path), "segments stay cached");
    }

    @Test
    void everyWaiterGetsTheBytesSentSoFarBeforeTheObjectIsComplete() throws Exception {
        String path = "/hls/shop/stream/seg1.ts";
        byte[] body = randomBytes(1);
        node.put(path, body);
        node.pauseAfter(path, FIRST);
        claim("stream");

        List<Reading> waiters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            waiters.add(read(path));
        }
        // The upstream holds the rest: whatever a waiter has by now came from the unfinished body.
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.stream().allMatch(w -> w.received().get() >= FIRST));
        for (Reading w : waiters) {
            assertEquals(FIRST, w.received().get(), "a waiter gets what the upstream sent, not more");
            assertFalse(w.done().isDone(), "no waiter is finished while the upstream still sends");
        }
        assertEquals(1, node.count(path), "fifty waiters, one upstream fetch");
        node.release(path);

        int misses = 0;
        for (Reading w : waiters) {
            HttpResponse<byte[]> r = w.done().get(20, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertArrayEquals(body, r.body());
            assertEquals(String.valueOf(SIZE), r.headers().firstValue("Content-Length").orElse(null));
            assertEquals("public, max-age=31536000, immutable", r.headers().firstValue("Cache-Control").orElse(null));
            assertEquals(TestUpstream.etagOf(body), r.headers().firstValue("ETag").orElse(null));
            misses += "MISS".equals(r.headers().firstValue("X-Cache").orElse(null)) ? 1 : 0;
        }
        assertEquals(1, misses, "one leader, the others collapsed onto it");
        HttpResponse<byte[]> hit = send("GET", path);
        assertEquals("HIT", hit.headers().firstValue("X-Cache").orElse(null));
        assertArrayEquals(body, hit.body());
        assertEquals(1, node.count(path));
    }

    @Test
    void aLateJoinerGetsTheBytesSoFarThenTheRest() throws Exception {
        String path = "/hls/shop/late/seg1.ts";
        byte[] body = randomBytes(2);
        node.put(path, body);
        node.pauseAfter(path, FIRST);
        claim("late");

        Reading first = read(path);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.received().get() >= FIRST);
        Reading late = read(path);
        await().atMost(Duration.ofSeconds(20)).until(() -> late.received().get() >= FIRST);
        assertFalse(late.done().isDone());
        node.release(path);

        assertArrayEquals(body, first.done().get(20, TimeUnit.SECONDS).body());
        HttpResponse<byte[]> lateResponse = late.done().get(20, TimeUnit.SECONDS);
        assertEquals("COLLAPSED", lateResponse.headers().firstValue("X-Cache").orElse(null));
        assertArrayEquals(body, lateResponse.body());
        assertEquals(1, node.count(path));
    }

    @Test
    void aBodyCutOffMidwayIsNeverPresentedAsCompleteAndIsNotCached() throws Exception {
        String path = "/hls/shop/cut/seg1.ts";
        byte[] body = randomBytes(3);
        node.put(path, body);
        node.pauseAfter(path, FIRST);
        node.breakAfter(path, FIRST);
        claim("cut");

        List<Reading> waiters = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiters.add(read(path));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> waiters.stream().allMatch(w -> w.received().get() >= FIRST));
        node.release(path);
        for (Reading w : waiters) {
            ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(ExecutionException.class,
                    () -> w.done().get(20, TimeUnit.SECONDS), "a waiter that had bytes sees the connection fail");
            assertInstanceOf(IOException.class, failed.getCause());
        }
        // One that joins just as the upstream breaks off may instead get a clean 502, but never a whole 200.
        node.breakAfter(path, FIRST);
        assertNeverWhole(read(path));
        node.heal(path);
        assertEquals(2, node.count(path));
        HttpResponse<byte[]> retry = send("GET", path);
        assertEquals(200, retry.statusCode());
        assertArrayEquals(body, retry.body(), "the cut copy was not cached");
        assertEquals("MISS", retry.headers().firstValue("X-Cache").orElse(null));
    }

    @Test
    void anUndeclaredLengthIsStreamedChunkedAndACutOneStillFails() throws Exception {
        String path = "/hls/shop/chunked/seg1.ts";
        byte[] body = randomBytes(4);
        node.put(path, body).chunked(path);
        node.pauseAfter(path, FIRST);
        claim("chunked");

        Reading whole = read(path);
        await().atMost(Duration.ofSeconds(20)).until(() -> whole.received().get() >= FIRST);
        node.release(path);
        HttpResponse<byte[]> r = whole.done().get(20, TimeUnit.SECONDS);
        assertArrayEquals(body, r.body());
        assertTrue(r.headers().firstValue("Content-Length").isEmpty());
        assertEquals("chunked", r.headers().firstValue("Transfer-Encoding").orElse(null));

        String cutPath = "/hls/shop/chunked/seg2.ts";
        node.put(cutPath, body).chunked(cutPath);
        node.breakAfter(cutPath, FIRST);
        assertNeverWhole(read(cutPath));
    }

    /**
     * A waiter that had bytes when the upstream broke off sees its connection fail; one that had
     * none yet gets a clean 502. Neither gets a 200 that ends.
     */
    static void assertNeverWhole(Reading w) throws Exception {
        try {
            HttpResponse<byte[]> r = w.done().get(20, TimeUnit.SECONDS);
            assertEquals(502, r.statusCode(), "only an error status may end cleanly");
        } catch (ExecutionException e) {
            assertInstanceOf(IOException.class, e.getCause());
        }
    }

    @Test
    void headRangeAndConditionalRequestsWaitForTheWholeObject() throws Exception {
        String path = "/hls/shop/wait/seg1.ts";
        byte[] body = randomBytes(5);
        node.put(path, body);
        node.pauseAfter(path, FIRST);
        claim("wait");

        Reading get = read(path);
        await().atMost(Duration.ofSeconds(20)).until(() -> get.received().get() >= FIRST);
        CompletableFuture<HttpResponse<byte[]>> head = CompletableFuture.supplyAsync(() -> quietly("HEAD", path), readers);
        CompletableFuture<HttpResponse<byte[]>> range = CompletableFuture.supplyAsync(
                () -> quietly("GET", path, "Range", "bytes=" + (SIZE - 100) + "-"), readers);
        CompletableFuture<HttpResponse<byte[]>> conditional = CompletableFuture.supplyAsync(
                () -> quietly("GET", path, "If-None-Match", TestUpstream.etagOf(body)), readers);
        // None of them may answer while the body is incomplete: still unanswered throughout 300 ms.
        await("they answer from the whole object only").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2))
                .until(() -> !head.isDone() && !range.isDone() && !conditional.isDone());
        node.release(path);

        HttpResponse<byte[]> h = head.get(20, TimeUnit.SECONDS);
        assertEquals(200, h.statusCode());
        assertEquals(String.valueOf(SIZE), h.headers().firstValue("Content-Length").orElse(null));
        assertEquals(0, h.body().length);
        HttpResponse<byte[]> r = range.get(20, TimeUnit.SECONDS);
        assertEquals(206, r.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(body, SIZE - 100, SIZE), r.body());
        assertEquals(304, conditional.get(20, TimeUnit.SECONDS).statusCode());
        assertArrayEquals(body, get.done().get(20, TimeUnit.SECONDS).body());
        assertEquals(1, node.count(path));
    }

    @Test
    void aWaiterThatLeavesMidwayDoesNotDisturbTheOthers() throws Exception {
        String path = "/hls/shop/leave/seg1.ts";
        byte[] body = randomBytes(6);
        node.put(path, body);
        node.pauseAfter(path, FIRST);
        claim("leave");

        Reading stays = read(path);
        CompletableFuture<HttpResponse<InputStream>> leaves = client.sendAsync(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path)).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        await().atMost(Duration.ofSeconds(20)).until(() -> stays.received().get() >= FIRST);
        try (InputStream in = leaves.get(20, TimeUnit.SECONDS).body()) {
            assertTrue(in.readNBytes(1000).length == 1000);
        }
        node.release(path);
        assertArrayEquals(body, stays.done().get(20, TimeUnit.SECONDS).body());
        assertArrayEquals(body, send("GET", path).body(), "cached whole");
    }

    @Test
    void aNotFoundIsNotStreamedButAnsweredAsBefore() throws Exception {
        claim("missing");
        HttpResponse<byte[]> r = send("GET", "/hls/shop/missing/none.ts");
        assertEquals(404, r.statusCode());
        assertNull(r.headers().firstValue("ETag").orElse(null));
    }

    private HttpResponse<byte[]> quietly(String method, String path, String... headers) {
        try {
            return send(method, path, headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A response whose body was read by hand. */
    private record Whole(HttpResponse<InputStream> response, byte[] body) implements HttpResponse<byte[]> {
        public int statusCode() {
            return response.statusCode();
        }

        public HttpRequest request() {
            return response.request();
        }

        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        public java.net.http.HttpHeaders headers() {
            return response.headers();
        }

        public URI uri() {
            return response.uri();
        }

        public HttpClient.Version version() {
            return response.version();
        }

        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return response.sslSession();
        }
    }
}
