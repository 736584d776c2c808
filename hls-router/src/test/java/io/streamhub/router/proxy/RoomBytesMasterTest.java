package io.streamhub.router.proxy;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.streamhub.router.support.OriginClaims;
import io.streamhub.router.support.Playlist;
import io.streamhub.router.support.TestUpstream;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The master's count of the HLS bytes it wrote per app and room
 * ({@code streamhub_router_hls_bytes_total}), against what real HTTP clients received: collapsed
 * misses streamed to their waiters, cache hits, ranges, HEAD and 304; a cut stream, 404s and
 * invented rooms count nothing and make no series; the app's mode is a label.
 */
@QuarkusTest
@TestProfile(StreamingProfile.class)
@WithTestResource(RedisTestResource.class)
class RoomBytesMasterTest {

    static final String APP = "bytes";

    static TestUpstream node;
    static HttpClient client;

    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;

    @BeforeAll
    static void start() {
        node = TestUpstream.start();
        client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        node.close();
    }

    @BeforeEach
    void registerNode() {
        redis.hash(String.class).hset("sh:node:node-b", "hlsUrl", node.baseUrl());
        redis.value(String.class).set("sh:config:" + APP, "{\"app\":\"" + APP + "\",\"distribution\":{\"mode\":\"p2p\"}}");
    }

    void claim(String room) {
        OriginClaims.claim(redis, APP, room, "node-b");
    }

    /** Bytes counted for the room and kind, over every mode and role. */
    double counted(String room, String kind) {
        return registry.find("streamhub.router.hls.bytes").tag("app", APP).tag("room", room).tag("kind", kind).counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    double cacheCount(String result) {
        Counter c = registry.find("streamhub.router.cache.lookups").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    boolean hasSeries(String room) {
        return !registry.find("streamhub.router.hls.bytes").tag("room", room).counters().isEmpty();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
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
    void collapsedStreamedMissesHitsRangesHeadAnd304CountExactlyTheBodiesClientsReceived() throws Exception {
        String room = "wire";
        String playlistPath = "/hls/" + APP + "/" + room + "/index.m3u8";
        String segmentPath = "/hls/" + APP + "/" + room + "/seg1.ts";
        byte[] segment = randomBytes(300 * 1024, 7);
        node.put(playlistPath, Playlist.live(2, 1, 3));
        node.put(segmentPath, segment);
        node.hold(segmentPath);
        claim(room);

        long[] playlistBytes = {0};
        // The owner is known once this answers (Redis may still be warming up just after start).
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            HttpResponse<byte[]> p = send("GET", playlistPath);
            if (p.statusCode() == 200) {
                playlistBytes[0] += p.body().length;
            }
            return p.statusCode() == 200;
        });

        long received = 0;
        double collapsedBefore = cacheCount("collapsed");
        // Twenty viewers miss the same segment at once: one upstream fetch, streamed to every waiter.
        List<CompletableFuture<HttpResponse<byte[]>>> herd = new ArrayList<>();
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + segmentPath))
                .timeout(Duration.ofSeconds(30)).build();
        for (int i = 0; i < 20; i++) {
            herd.add(client.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray()));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> cacheCount("collapsed") - collapsedBefore >= 19);
        node.release(segmentPath);
        for (CompletableFuture<HttpResponse<byte[]>> f : herd) {
            HttpResponse<byte[]> r = f.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.statusCode());
            assertArrayEquals(segment, r.body());
            received += r.body().length;
        }
        assertEquals(1, node.count(segmentPath), "the herd was collapsed");

        // From the cache: a whole hit, a range (206), a HEAD and a revalidation (304).
        HttpResponse<byte[]> hit = send("GET", segmentPath);
        assertEquals("HIT", hit.headers().firstValue("X-Cache").orElseThrow());
        received += hit.body().length;
        HttpResponse<byte[]> range = send("GET", segmentPath, "Range", "bytes=100-1099");
        assertEquals(206, range.statusCode());
        assertEquals(1000, range.body().length);
        received += range.body().length;
        HttpResponse<byte[]> head = send("HEAD", segmentPath);
        assertEquals(200, head.statusCode());
        assertEquals(0, head.body().length);
        HttpResponse<byte[]> notModified = send("GET", segmentPath, "If-None-Match", hit.headers().firstValue("ETag").orElseThrow());
        assertEquals(304, notModified.statusCode());

        int polls = 3;
        for (int i = 0; i < polls; i++) {
            HttpResponse<byte[]> p = send("GET", playlistPath);
            assertEquals(200, p.statusCode());
            playlistBytes[0] += p.body().length;
        }
        assertEquals(0, playlistBytes[0] % Playlist.live(2, 1, 3).getBytes(StandardCharsets.UTF_8).length);

        long segmentBytes = received;
        long playlists = playlistBytes[0];
        // Counted once the bytes are written: a moment after the client has them.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertEquals(segmentBytes, counted(room, "segment"), 0.0);
            assertEquals(playlists, counted(room, "playlist"), 0.0);
        });
        assertEquals(21L * segment.length + 1000, segmentBytes);
        Counter p2p = registry.find("streamhub.router.hls.bytes").tag("app", APP).tag("room", room).tag("kind", "segment")
                .tag("mode", "p2p").tag("role", "master").counter();
        assertEquals(segmentBytes, p2p == null ? 0 : p2p.count(), 0.0, "the app's mode and the role are labels");
    }

    @Test
    void aStreamCutByItsUpstreamCountsNothing() throws Exception {
        String room = "cut";
        String path = "/hls/" + APP + "/" + room + "/seg1.ts";
        node.put(path, randomBytes(512 * 1024, 3));
        node.breakAfter(path, 64 * 1024);
        claim(room);
        try {
            HttpResponse<byte[]> r = send("GET", path);
            assertTrue(r.statusCode() >= 500 || r.body().length < 512 * 1024, "the client did not get a whole body");
        } catch (java.io.IOException e) {
            // The connection was reset mid-body: the client knows the body is cut.
        }
        // Nothing may be counted, and stay so for as long as a whole body would take to be counted.
        await("a cut body is not a successful response").during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5))
                .until(() -> counted(room, "segment") == 0);
    }

    @Test
    void unknownRoomsAndMissingFilesMakeNoSeries() throws Exception {
        // Redis may still be warming up just after start: wait for the directory's answer.
        await().atMost(Duration.ofSeconds(10)).until(() -> send("GET", "/hls/" + APP + "/invented/index.m3u8").statusCode() == 404);
        for (int i = 0; i < 50; i++) {
            assertEquals(404, send("GET", "/hls/" + APP + "/invented" + i + "/index.m3u8").statusCode());
            assertEquals(404, send("GET", "/hls/" + APP + "/invented" + i + "/seg1.ts").statusCode());
        }
        String room = "known";
        claim(room);
        // The room's owner is known, but the file is not there: a 404 from upstream.
        assertEquals(404, send("GET", "/hls/" + APP + "/" + room + "/seg9.ts").statusCode());
        await("404s make no series, and keep making none").during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5))
                .until(() -> IntStream.range(0, 50).noneMatch(i -> hasSeries("invented" + i)) && !hasSeries(room));
    }
}
