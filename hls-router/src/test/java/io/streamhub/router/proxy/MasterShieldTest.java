package io.streamhub.router.proxy;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.streamhub.router.support.OriginClaims;
import io.streamhub.router.ownership.OwnerDirectory;
import io.streamhub.router.redis.EventBridge;
import io.streamhub.router.source.Tier;
import io.streamhub.router.support.Playlist;
import io.streamhub.router.support.TestUpstream;
import io.streamhub.shared.RoomId;
import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The master role against real upstream HTTP servers standing in for two origin nodes, with the
 * room directory in a real Redis.
 */
@QuarkusTest
@TestProfile(MasterProfile.class)
@WithTestResource(RedisTestResource.class)
class MasterShieldTest {

    static TestUpstream node1;
    static TestUpstream node2;

    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;
    @Inject
    @Tier(Tier.Kind.REDIS)
    OwnerDirectory owners;
    @Inject
    @Tier(Tier.Kind.REDIS)
    EventBridge events;
    @Inject
    @Tier(Tier.Kind.PROXY)
    SegmentFiles segmentFiles;

    @BeforeAll
    static void startNodes() {
        node1 = TestUpstream.start();
        node2 = TestUpstream.start();
    }

    @AfterAll
    static void stopNodes() {
        node1.close();
        node2.close();
    }

    @BeforeEach
    void registerNodes() {
        redis.hash(String.class).hset("sh:node:node-1", "hlsUrl", node1.baseUrl());
        redis.hash(String.class).hset("sh:node:node-2", "hlsUrl", node2.baseUrl());
    }

    void claim(String room, String node) {
        OriginClaims.claim(redis, "shop", room, node);
    }

    double cacheCount(String result) {
        var c = registry.find("streamhub.router.cache.lookups").tag("result", result).counter();
        return c == null ? 0 : c.count();
    }

    static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void aBodyThatKeepsArrivingOutlastsTheTimeoutButOneThatFallsSilentIsCut() throws Exception {
        // The upstream timeout here is 1.5 s: this body takes about 2.4 s, never silent for more than 0.3 s.
        String slow = "/hls/shop/slow/seg1.ts";
        byte[] body = randomBytes(256 * 1024, 21);
        node1.put(slow, body).trickle(slow, 8, 300);
        claim("slow", "node-1");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest slowRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + slow))
                .timeout(Duration.ofSeconds(20)).build();
        long t0 = System.nanoTime();
        HttpResponse<byte[]> whole = client.send(slowRequest, HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, whole.statusCode());
        assertArrayEquals(body, whole.body());
        assertTrue(System.nanoTime() - t0 > 1_500_000_000L, "the body took longer than the timeout, and was not cut");

        // Falls silent mid-body: the viewer that had bytes sees its connection fail, once the timeout has passed.
        String stalled = "/hls/shop/slow/seg2.ts";
        node1.put(stalled, body);
        node1.pauseAfter(stalled, 64 * 1024);
        HttpRequest stalledRequest = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + stalled))
                .timeout(Duration.ofSeconds(20)).build();
        long t1 = System.nanoTime();
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> cut = client.sendAsync(stalledRequest,
                HttpResponse.BodyHandlers.ofByteArray());
        java.util.concurrent.ExecutionException failed = org.junit.jupiter.api.Assertions.assertThrows(
                java.util.concurrent.ExecutionException.class, () -> cut.get(20, java.util.concurrent.TimeUnit.SECONDS));
        assertTrue(failed.getCause() instanceof java.io.IOException, String.valueOf(failed.getCause()));
        long waited = (System.nanoTime() - t1) / 1_000_000;
        assertTrue(waited >= 1400 && waited < 6000, "cut after the 1.5-s silence, not before and not much later: " + waited + " ms");
        node1.release(stalled);
    }

    @Test
    void aFileNamingASessionGoesToTheOriginThatHoldsItWhereverTheLiveClaimPoints() {
        String s = "20261201T090000000Z";
        String today = "20261202T090000000Z";
        // Yesterday's session: generation 1 on node 1, then its egress moved to node 2 (generation 2).
        // Today the room is live again on node 2, and the live claim points there.
        node1.put("/hls/shop/daily/" + s + "-g1-seg00000.ts", randomBytes(1000, 1));
        node2.put("/hls/shop/daily/" + s + "-g2-seg00000.ts", randomBytes(1000, 2));
        node2.put("/hls/shop/daily/vod-" + s + ".m3u8", Playlist.live(2, s + "-g2-seg", 0, 1) + "#EXT-X-ENDLIST\n");
        node2.put("/hls/shop/daily/" + today + "-g1-seg00000.ts", randomBytes(1000, 3));
        redis.hash(String.class).hset("sh:sessions:shop:daily", Map.of(s + "-g1", "node-1", s + "-g2", "node-2", s, "2:node-2"));
        claim("daily", "node-2");
        given().get("/hls/shop/daily/" + s + "-g1-seg00000.ts").then().statusCode(200);
        assertEquals(1, node1.count("/hls/shop/daily/" + s + "-g1-seg00000.ts"), "yesterday's first part from the node that holds it");
        given().get("/hls/shop/daily/" + s + "-g2-seg00000.ts").then().statusCode(200);
        given().get("/hls/shop/daily/vod-" + s + ".m3u8").then().statusCode(200).body(containsString("#EXT-X-ENDLIST"));
        assertEquals(1, node2.count("/hls/shop/daily/vod-" + s + ".m3u8"), "the VOD playlist from the holder of the newest part");
        given().get("/hls/shop/daily/" + today + "-g1-seg00000.ts").then().statusCode(200);
        assertEquals(1, node2.count("/hls/shop/daily/" + today + "-g1-seg00000.ts"), "a session nobody advertises follows the live claim");
    }

    @Test
    void unknownRoomIs404FastThenServedOnceClaimed() {
        node1.put("/hls/shop/ghost/index.m3u8", Playlist.live(2, 0, 3));
        long t0 = System.nanoTime();
        given().get("/hls/shop/ghost/index.m3u8").then().statusCode(404);
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "a miss for an unknown room answers fast");
        claim("ghost", "node-1");
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/hls/shop/ghost/index.m3u8").statusCode() == 200);
    }

    @Test
    void playlistsExpireWithinHalfATargetDurationSegmentsNever() {
        String playlist = "/hls/shop/ttl/index.m3u8";
        node1.put(playlist, Playlist.live(2, 0, 3)).put("/hls/shop/ttl/seg0.ts", randomBytes(1000, 2));
        claim("ttl", "node-1");
        given().get(playlist).then().statusCode(200).header("X-Cache", "MISS")
                .header("Content-Type", "application/vnd.apple.mpegurl")
                // Target duration 2 s: fresh for 1 s in a CDN; browsers revalidate every poll.
                .header("Cache-Control", "public, max-age=0, s-maxage=1");
        given().get(playlist).then().statusCode(200).header("X-Cache", "HIT").header("Age", org.hamcrest.Matchers.oneOf("0", "1"));
        await().atMost(Duration.ofSeconds(6)).until(() -> node1.count(playlist) == 2 || given().get(playlist).header("X-Cache").equals("MISS"));
        given().get("/hls/shop/ttl/seg0.ts").then().statusCode(200).header("Cache-Control", "public, max-age=31536000, immutable");
        given().header("Range", "bytes=0-9").get("/hls/shop/ttl/seg0.ts").then().statusCode(206).header("Content-Range", "bytes 0-9/1000");
        assertEquals(1, node1.count("/hls/shop/ttl/seg0.ts"));
    }

    @Test
    void aCopyTheUpstreamHadCachedIsFreshOnlyForWhatItsAgeLeaves() {
        // Target duration 4 s: fresh for 2 s from when the origin made it. The upstream's copy was 2 s old.
        String old = "/hls/shop/aged/index.m3u8";
        node1.put(old, Playlist.live(4, 0, 3)).age(old, 2);
        claim("aged", "node-1");
        given().get(old).then().statusCode(200).header("X-Cache", "MISS").header("Age", "2")
                .header("Cache-Control", "public, max-age=0, s-maxage=2");
        given().get(old).then().statusCode(200).header("X-Cache", "MISS");
        assertEquals(2, node1.count(old), "nothing left of its freshness: asked again");

        String fresh = "/hls/shop/aged/720p/index.m3u8";
        node1.put(fresh, Playlist.live(4, 0, 3));
        given().get(fresh).then().statusCode(200).header("X-Cache", "MISS").header("Age", "0");
        given().get(fresh).then().statusCode(200).header("X-Cache", "HIT");
        assertEquals(1, node1.count(fresh));
    }

    @Test
    void queryStringsAreIgnoredNeitherPartOfTheCacheKeyNorForwarded() {
        String seg = "/hls/shop/query/seg1.ts";
        String playlist = "/hls/shop/query/index.m3u8";
        byte[] body = randomBytes(3000, 31);
        node1.put(seg, body).put(playlist, Playlist.live(2, 0, 3));
        claim("query", "node-1");
        int queriesBefore = node1.queries().size();
        assertArrayEquals(body, given().get(seg + "?token=abc&expires=1700000000").then().statusCode(200).extract().asByteArray());
        assertArrayEquals(body, given().get(seg + "?cb=" + System.nanoTime()).then().statusCode(200).header("X-Cache", "HIT")
                .extract().asByteArray());
        assertArrayEquals(body, given().get(seg).then().statusCode(200).header("X-Cache", "HIT").extract().asByteArray());
        assertEquals(1, node1.count(seg), "one object, one fetch, whatever the query");
        String withQuery = given().get(playlist + "?_HLS_msn=3&session=x").then().statusCode(200).extract().asString();
        assertEquals(given().get(playlist).then().statusCode(200).extract().asString(), withQuery);
        assertEquals(queriesBefore, node1.queries().size(), "no query string reached the upstream: " + node1.queries());
    }

    @Test
    void expiredPlaylistIsServedStaleWhileTheOwnerFailsThenACleanError() {
        String playlist = "/hls/shop/stale/index.m3u8";
        String segment = "/hls/shop/stale/seg0.ts";
        node1.put(playlist, Playlist.live(2, 0, 3)).put(segment, randomBytes(500, 3));
        claim("stale", "node-1");
        given().get(playlist).then().statusCode(200);
        given().get(segment).then().statusCode(200);
        node1.fail(playlist, 500);
        node1.fail(segment, 500);
        try {
            await().atMost(Duration.ofSeconds(6)).until(() -> "STALE".equals(timedGet(playlist).header("X-Cache")));
            await().atMost(Duration.ofSeconds(5)).until(() -> timedGet(playlist).statusCode() == 502);
            given().get(segment).then().statusCode(200).header("X-Cache", "HIT");
        } finally {
            node1.heal(playlist);
            node1.heal(segment);
        }
    }

    @Test
    void aHungUpstreamGivesA504WellUnderFiveSeconds() {
        String playlist = "/hls/shop/hung/index.m3u8";
        node1.put(playlist, Playlist.live(2, 0, 3));
        node1.hold(playlist);
        claim("hung", "node-1");
        try {
            Response r = timedGet(playlist);
            assertEquals(504, r.statusCode());
        } finally {
            node1.release(playlist);
        }
    }

    @Test
    void aSlowRoomDoesNotStallAnotherRoomOnTheSameNode() throws Exception {
        String slow = "/hls/shop/slow/index.m3u8";
        String fast = "/hls/shop/fast/index.m3u8";
        node1.put(slow, Playlist.live(2, 0, 3)).put(fast, Playlist.live(2, 5, 3));
        node1.hold(slow);
        claim("slow", "node-1");
        claim("fast", "node-1");
        try {
            CompletableFuture<Integer> slowAnswer = CompletableFuture.supplyAsync(() -> given().get(slow).statusCode());
            await().atMost(Duration.ofSeconds(10)).until(() -> node1.count(slow) == 1);
            long t0 = System.nanoTime();
            given().get(fast).then().statusCode(200);
            assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "the other room answered while the slow one waits");
            assertFalse(slowAnswer.isDone());
            node1.release(slow);
            assertEquals(200, slowAnswer.get().intValue());
        } finally {
            node1.release(slow);
        }
    }

    @Test
    void followsTheRoomToItsNewOwnerOnTheClaimEvent() {
        String playlist = "/hls/shop/moving/index.m3u8";
        node1.put(playlist, Playlist.live(2, 10, 3));
        node2.put(playlist, Playlist.live(2, 20, 3));
        claim("moving", "node-1");
        assertEquals(10, Playlist.mediaSequence(given().get(playlist).asString()));
        // The owner TTL is a minute here: only the event can make the master look again.
        claim("moving", "node-2");
        await().atMost(Duration.ofSeconds(4)).until(() -> Playlist.mediaSequence(given().get(playlist).asString()) == 20);
    }

    @Test
    void aLivePlaylistAdvancesThroughTheMasterWithoutLaggingMoreThanOneSegment() {
        String playlist = "/hls/shop/live/index.m3u8";
        long t0 = System.currentTimeMillis();
        node1.dynamic(playlist, () -> Playlist.live(1, (System.currentTimeMillis() - t0) / 1000, 3));
        claim("live", "node-1");
        // Sampled every 100 ms for 5 s; every sample counts. The origin's sequence is read before each
        // request, so a slow response on a loaded machine is not mistaken for lag, and the ceiling
        // is far above the window so a slow poll cannot time the check out.
        long sampleUntil = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        AtomicLong worstLag = new AtomicLong(Long.MIN_VALUE);
        AtomicLong seenMax = new AtomicLong(-1);
        AtomicBoolean wentBack = new AtomicBoolean();
        await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(60)).until(() -> {
            long originSequence = (System.currentTimeMillis() - t0) / 1000;
            long masterSequence = Playlist.mediaSequence(given().get(playlist).asString());
            worstLag.accumulateAndGet(originSequence - masterSequence, Math::max);
            if (masterSequence < seenMax.getAndAccumulate(masterSequence, Math::max)) {
                wentBack.set(true);
            }
            return System.nanoTime() >= sampleUntil;
        });
        assertTrue(worstLag.get() <= 1, "the master lagged the origin by " + worstLag + " segments");
        assertFalse(wentBack.get(), "the master's sequence went backwards");
        assertTrue(seenMax.get() >= 3, "the sequence advanced through the master: " + seenMax);
    }

    @Test
    void keepsServingWhileRedisIsDown() throws Exception {
        LocalRedis server = RedisTestResource.redis();
        assumeTrue(server.canRestart(), "REDIS_URL points at a server this test may not stop");
        String seg1 = "/hls/shop/outage/seg1.ts";
        String seg2 = "/hls/shop/outage/seg2.ts";
        node1.put(seg1, randomBytes(2000, 4)).put(seg2, randomBytes(2000, 5));
        claim("outage", "node-1");
        given().get(seg1).then().statusCode(200);

        server.stop();
        try {
            // Force a directory refresh: Redis is gone, so the last known owner must be used.
            owners.upstreamFailed(new RoomId("shop", "outage"));
            Response r = timedGet(seg2);
            assertEquals(200, r.statusCode());
            given().get(seg1).then().statusCode(200).header("X-Cache", "HIT");
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/q/health/ready").then()
                    .statusCode(200).body("checks[0].data.redis", org.hamcrest.Matchers.equalTo("down")));
        } finally {
            server.restart();
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> events.isSubscribed());
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> given().get("/q/health/ready").then()
                .statusCode(200).body("checks[0].data.redis", org.hamcrest.Matchers.equalTo("up")));
    }

    @Test
    void anOutageLongerThanTheGraceThenAnEmptyRedisStillServesTheLastOwnerForAGrace() throws Exception {
        LocalRedis server = RedisTestResource.redis();
        assumeTrue(server.canRestart(), "REDIS_URL points at a server this test may not stop");
        RoomId room = new RoomId("shop", "long-outage");
        for (int i = 1; i <= 3; i++) {
            node1.put("/hls/shop/long-outage/seg" + i + ".ts", randomBytes(1000, 20 + i));
        }
        claim("long-outage", "node-1");
        given().get("/hls/shop/long-outage/seg1.ts").then().statusCode(200);

        server.stop();
        long stoppedAt = System.nanoTime();
        try {
            // Down longer than the grace (2 s in this profile), served from the last owner all along.
            await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
                owners.upstreamFailed(room);
                assertEquals(200, timedGet("/hls/shop/long-outage/seg2.ts").statusCode());
                return System.nanoTime() - stoppedAt > 3_000_000_000L;
            });
        } finally {
            server.restart();
        }
        // Back, and empty: neither the claim nor the node record is there. Within the grace from
        // its return, the last owner still answers.
        await().atMost(Duration.ofSeconds(10)).until(() -> events.isSubscribed());
        owners.upstreamFailed(room);
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> timedGet("/hls/shop/long-outage/seg3.ts").statusCode() == 200);
        // Past it, a room Redis does not know is nobody's (a new segment each time: served ones are cached).
        AtomicLong next = new AtomicLong(100);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(300)).until(() -> {
            String seg = "/hls/shop/long-outage/seg" + next.incrementAndGet() + ".ts";
            node1.put(seg, randomBytes(1000, next.get()));
            owners.upstreamFailed(room);
            return timedGet(seg).statusCode() == 404;
        });
    }

    @Test
    void segmentsAreCachedAsFilesOfThisProcessAndDeadProcessesAreReclaimed() throws Exception {
        byte[] body = randomBytes(4096, 11);
        node1.put("/hls/shop/files/seg1.ts", body);
        claim("files", "node-1");
        given().get("/hls/shop/files/seg1.ts").then().statusCode(200);
        java.nio.file.Path mine = java.nio.file.Path.of(System.getProperty("java.io.tmpdir"), "streamhub-shield",
                "p" + ProcessHandle.current().pid());
        // A streamed miss ends for its viewers before the cache has written the file: wait for it.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (var files = java.nio.file.Files.list(mine)) {
                assertTrue(files.anyMatch(f -> {
                    try {
                        return java.util.Arrays.equals(body, java.nio.file.Files.readAllBytes(f));
                    } catch (java.io.IOException e) {
                        return false;
                    }
                }), "the segment body is a file in this process's folder");
            }
        });
        // A folder left by a router that no longer runs (no process has this pid) is reclaimed.
        java.nio.file.Path dead = mine.resolveSibling("p" + Integer.MAX_VALUE);
        java.nio.file.Files.createDirectories(dead);
        java.nio.file.Files.write(dead.resolve("1.seg"), body);
        segmentFiles.reclaimDeadProcesses();
        assertFalse(java.nio.file.Files.exists(dead));
        assertTrue(java.nio.file.Files.isDirectory(mine), "our own folder stays");
    }

    @Test
    void corkedFileResponsesAreUncorkedSoNoTailIsHeldBack() throws Exception {
        // A cork left on would hold each response's last partial packet for ~200 ms (Linux's cork
        // timeout): 20 keep-alive requests would then take 4 s or more.
        byte[] body = randomBytes(100_001, 12);
        node1.put("/hls/shop/cork/seg1.ts", body);
        claim("cork", "node-1");
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + "/hls/shop/cork/seg1.ts")).build();
        assertEquals(200, client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        long t0 = System.nanoTime();
        for (int i = 0; i < 20; i++) {
            HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
            assertArrayEquals(body, r.body());
        }
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 3000, "20 cached responses took " + ms + " ms");
    }

    /** Every answer, even an error, must come within five seconds. */
    static Response timedGet(String path) {
        long t0 = System.nanoTime();
        Response r = given().get(path);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(ms < 5000, path + " took " + ms + " ms");
        return r;
    }
}
