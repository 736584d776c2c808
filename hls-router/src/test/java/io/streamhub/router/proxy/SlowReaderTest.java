package io.streamhub.router.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.MeterRegistry;
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
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 30: a client that reads slowly gets a streamed miss through backpressure (the router stops
 * writing while the client's write queue is full and goes on when it drains), whole and correct,
 * while a fast viewer of the same collapsed miss is not held back; a client that stops reading is
 * dropped after the send timeout. A real socket with a small receive buffer, read in small sips.
 */
@QuarkusTest
@TestProfile(StreamingProfile.class)
@WithTestResource(RedisTestResource.class)
class SlowReaderTest {

    static final int SIZE = 16 << 20;

    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;

    /**
     * The first lookups of a fresh application can outlast the 250-ms Redis timeout (a 503 for that
     * request, as it should be); these tests make one request of each kind, so they start once the
     * router answers a room nobody claims with its 404.
     */
    @BeforeEach
    void routerAnswersLookups() {
        await().atMost(Duration.ofSeconds(20)).until(() -> RestAssured.get("/hls/shop/nobody-" + System.nanoTime() + "/seg1.ts").statusCode() == 404);
    }

    @Test
    void aSlowClientIsWrittenToOnlyAsFastAsItReadsAndAFastOneIsNotHeldBack() throws Exception {
        byte[] body = new byte[SIZE];
        new Random(30).nextBytes(body);
        String path = "/hls/shop/slowreader/seg1.ts";
        try (TestUpstream node = TestUpstream.start()) {
            node.put(path, body).trickle(path, 8, 100);
            redis.hash(String.class).hset("sh:node:node-slow", "hlsUrl", node.baseUrl());
            OriginClaims.claim(redis, "shop", "slowreader", "node-slow");
            double pausedBefore = paused();

            double missesBefore = misses();
            CompletableFuture<byte[]> slow = CompletableFuture.supplyAsync(() -> readSlowly(path));
            // The slow viewer leads the miss; the fast one joins it once the router has counted it.
            await().atMost(Duration.ofSeconds(10)).until(() -> misses() > missesBefore);
            long t0 = System.nanoTime();
            HttpResponse<byte[]> fast = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            long fastMillis = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(200, fast.statusCode());
            assertArrayEquals(body, fast.body());
            assertTrue(!slow.isDone(), "the fast viewer finished (" + fastMillis + " ms) while the slow one still reads");

            byte[] slowBody = slow.get(60, TimeUnit.SECONDS);
            assertTrue(Arrays.equals(body, slowBody), "the slow viewer got every byte, in order");
            assertTrue(paused() > pausedBefore,
                    "the router waited for the slow client's queue to drain");
            assertEquals(1, node.count(path), "one upstream fetch for both");
        }
    }

    @Test
    void aClientThatStopsReadingIsDroppedAfterTheSendTimeoutAndOthersStillGetTheObject() throws Exception {
        byte[] body = new byte[SIZE];
        new Random(31).nextBytes(body);
        String path = "/hls/shop/stalled/seg1.ts";
        try (TestUpstream node = TestUpstream.start(); Socket socket = new Socket()) {
            node.put(path, body);
            redis.hash(String.class).hset("sh:node:node-stalled", "hlsUrl", node.baseUrl());
            OriginClaims.claim(redis, "shop", "stalled", "node-stalled");
            double droppedBefore = counter("streamhub.router.stream.dropped");

            InputStream in = get(socket, path);
            byte[] sip = in.readNBytes(64 * 1024); // the head and a first sip, then nothing
            String head = new String(sip, 0, Math.min(sip.length, 200), StandardCharsets.ISO_8859_1);
            assertTrue(head.startsWith("HTTP/1.1 200"), () -> "the router streams the miss: " + head);
            long read = sip.length;

            await().atMost(Duration.ofSeconds(20)).until(() -> counter("streamhub.router.stream.dropped") > droppedBefore);
            try {
                read += in.transferTo(OutputStream.nullOutputStream());
            } catch (SocketException reset) {
                // the router reset the connection: what it had queued is gone with it
            }
            assertTrue(read < SIZE, "the stalled client was cut off after " + read + " bytes, not sent all " + SIZE);

            HttpResponse<byte[]> other = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + path)).build(),
                            HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, other.statusCode());
            assertArrayEquals(body, other.body(), "another viewer still gets the whole object");
            assertEquals(1, node.count(path), "from the cache, not a second fetch");
        }
    }

    double misses() {
        var c = registry.find("streamhub.router.cache.lookups").tag("result", "miss").counter();
        return c == null ? 0 : c.count();
    }

    double paused() {
        return counter("streamhub.router.stream.paused");
    }

    double counter(String name) {
        var c = registry.find(name).counter();
        return c == null ? 0 : c.count();
    }

    /** GET on a raw socket with a small receive buffer, read 32 KiB at a time with a pause between sips. */
    /**
     * Sends {@code GET path} with {@code Connection: close} (a short answer ends the stream rather than
     * leaving it open) on {@code socket}, connected with a 16-KiB receive buffer so the router's writes
     * back up soon; returns what the router sends.
     */
    static InputStream get(Socket socket, String path) throws IOException {
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", RestAssured.port), 5000);
        socket.setSoTimeout(30_000);
        socket.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        return socket.getInputStream();
    }

    static byte[] readSlowly(String path) {
        try (Socket socket = new Socket()) {
            InputStream in = get(socket, path);
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            byte[] sip = new byte[32 * 1024];
            for (int n = in.read(sip); n >= 0; n = in.read(sip)) {
                all.write(sip, 0, n);
                Thread.sleep(5); // the reader's own pace: this is what being slow means, not a wait for a condition
            }
            byte[] response = all.toByteArray();
            String text = new String(response, StandardCharsets.ISO_8859_1);
            int headEnd = text.indexOf("\r\n\r\n");
            assertTrue(text.startsWith("HTTP/1.1 200"), text.substring(0, Math.min(200, text.length())));
            assertTrue(text.substring(0, headEnd).toLowerCase().contains("content-length: " + SIZE), "a streamed miss with its length");
            return Arrays.copyOfRange(response, headEnd + 4, response.length);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
