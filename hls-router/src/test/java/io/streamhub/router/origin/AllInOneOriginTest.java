package io.streamhub.router.origin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamhub.router.support.Playlist;
import io.streamhub.router.support.RoomFiles;
import io.streamhub.shared.SegmentDigest;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The all-in-one router serving rooms from disk: the public HTTP contract and the origin claims (docs/architecture.md). */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class AllInOneOriginTest {

    static final Path DATA = Path.of("target/test-data/all-in-one");

    @Inject
    RedisDataSource redis;

    RoomFiles room;

    @BeforeEach
    void writeRoom() {
        room = new RoomFiles(DATA, "shop", "contract").live(2, 100, 8, 4096);
        redis.key().del("sh:config:shop");
        redis.value(String.class).set("sh:apps", "{\"revision\":\"test\",\"apps\":[]}"); // removed, as config-service removes it
        // The room is served from disk once the scanner has seen its playlist change.
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/hls/shop/contract/index.m3u8").statusCode() == 200);
    }

    @Test
    void publicPlaylistIsTheLivePlaylistCutToTheAppsListSize() {
        Response r = given().get("/hls/shop/contract/index.m3u8");
        r.then().statusCode(200)
                .header("Content-Type", "application/vnd.apple.mpegurl")
                // Target duration 2 s: fresh for 1 s in a CDN; browsers revalidate every poll.
                .header("Cache-Control", "public, max-age=0, s-maxage=1")
                .header("Access-Control-Allow-Origin", "*")
                .header("ETag", startsWith("\""));
        assertEquals(102, Playlist.mediaSequence(r.asString()), "default list_size 6 of 8 segments");

        redis.value(String.class).set("sh:config:shop", "{\"app\":\"shop\",\"distribution\":{\"mode\":\"cdn\",\"hls\":{\"list_size\":3}}}");
        redis.pubsub(String.class).publish("sh:events", "{\"type\":\"config.changed\",\"app\":\"shop\",\"revision\":\"abc\"}");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            String body = given().get("/hls/shop/contract/index.m3u8").asString();
            assertEquals(105, Playlist.mediaSequence(body));
            assertEquals(3, body.split("#EXTINF").length - 1);
        });
    }

    @Test
    void aConfigInANewerWireFormatKeepsTheListSizeLastRead() {
        redis.value(String.class).set("sh:config:shop", "{\"app\":\"shop\",\"distribution\":{\"mode\":\"cdn\",\"hls\":{\"list_size\":3}}}");
        redis.pubsub(String.class).publish("sh:events", "{\"type\":\"config.changed\",\"app\":\"shop\",\"revision\":\"r1\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/hls/shop/contract/index.m3u8").asString().split("#EXTINF").length - 1 == 3);

        // A later config-service writes a format this router does not know; it must not be read as "no config" (6).
        redis.value(String.class).set("sh:config:shop", "{\"schema_version\":7,\"app\":\"shop\",\"distribution\":{\"hls\":{\"window\":\"8s\"}}}");
        redis.pubsub(String.class).publish("sh:events", "{\"type\":\"config.changed\",\"app\":\"shop\",\"revision\":\"r2\"}");
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5))
                .until(() -> given().get("/hls/shop/contract/index.m3u8").asString().split("#EXTINF").length - 1 == 3);

        // Leave the router as the other tests expect it: no config, the default list_size.
        redis.key().del("sh:config:shop");
        redis.value(String.class).set("sh:apps", "{\"revision\":\"test\",\"apps\":[]}"); // removed, as config-service removes it
        redis.pubsub(String.class).publish("sh:events", "{\"type\":\"config.changed\",\"app\":\"shop\",\"revision\":\"r3\"}");
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/hls/shop/contract/index.m3u8").asString().split("#EXTINF").length - 1 == 6);
    }

    @Test
    void everyListedSegmentCarriesItsSha256AndNothingElseIsHashed() throws Exception {
        String body = given().get("/hls/shop/contract/index.m3u8").asString();
        List<String> lines = body.lines().toList();
        int tagged = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (!line.isBlank() && !line.startsWith("#")) {
                String digest = SegmentDigest.valueOf(lines.get(i - 1)).orElseThrow(() -> new AssertionError("no digest before " + line));
                assertEquals(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(room.read(line))), digest, line);
                tagged++;
            }
        }
        assertEquals(body.split("#EXTINF").length - 1, tagged);
        assertTrue(tagged >= 3, body);

        // Only plain names in the playlist's folder are hashed: a playlist naming other files gets no tag for them.
        room.write("live.m3u8", "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:300\n"
                + "#EXTINF:2.0,\n../../../../../../etc/hostname\n#EXTINF:2.0,\n/etc/hostname\n#EXTINF:2.0,\nseg105.ts\n");
        await().atMost(Duration.ofSeconds(5)).until(() -> given().get("/hls/shop/contract/index.m3u8").asString().contains("MEDIA-SEQUENCE:300"));
        String hostile = given().get("/hls/shop/contract/index.m3u8").asString();
        assertEquals(1, hostile.split(SegmentDigest.TAG, -1).length - 1, hostile);
        assertTrue(hostile.contains(SegmentDigest.TAG + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(room.read("seg105.ts"))) + "\nseg105.ts"));
        room.live(2, 100, 8, 4096);
    }

    @Test
    void playlistValidatorsAndHead() {
        String etag = given().get("/hls/shop/contract/index.m3u8").header("ETag");
        given().header("If-None-Match", etag).get("/hls/shop/contract/index.m3u8")
                .then().statusCode(304).header("ETag", etag).body(emptyString());
        given().head("/hls/shop/contract/index.m3u8").then().statusCode(200)
                .header("Content-Length", not(equalTo("0"))).body(emptyString());
        given().get("/hls/shop/contract/live.m3u8").then().statusCode(200)
                .body(containsString("#EXT-X-MEDIA-SEQUENCE:100"));
    }

    @Test
    void segmentsAreImmutableAndSupportRanges() {
        byte[] whole = room.read("seg105.ts");
        Response r = given().get("/hls/shop/contract/seg105.ts");
        r.then().statusCode(200).header("Content-Type", "video/mp2t")
                .header("Cache-Control", "public, max-age=31536000, immutable")
                .header("Accept-Ranges", "bytes")
                .header("Content-Length", "4096");
        assertArrayEquals(whole, r.asByteArray());

        Response part = given().header("Range", "bytes=10-19").get("/hls/shop/contract/seg105.ts");
        part.then().statusCode(206).header("Content-Range", "bytes 10-19/4096").header("Content-Length", "10");
        assertArrayEquals(Arrays.copyOfRange(whole, 10, 20), part.asByteArray());

        Response suffix = given().header("Range", "bytes=-5").get("/hls/shop/contract/seg105.ts");
        suffix.then().statusCode(206).header("Content-Range", "bytes 4091-4095/4096");
        assertArrayEquals(Arrays.copyOfRange(whole, 4091, 4096), suffix.asByteArray());

        given().header("Range", "bytes=5000-").get("/hls/shop/contract/seg105.ts")
                .then().statusCode(416).header("Content-Range", "bytes */4096");

        given().header("Range", "bytes=0-1").header("If-Range", "\"stale\"").get("/hls/shop/contract/seg105.ts")
                .then().statusCode(200).header("Content-Length", "4096");

        String lastModified = r.header("Last-Modified");
        given().header("If-Modified-Since", lastModified).get("/hls/shop/contract/seg105.ts").then().statusCode(304);
        given().header("If-None-Match", r.header("ETag")).get("/hls/shop/contract/seg105.ts").then().statusCode(304);
        given().head("/hls/shop/contract/seg105.ts").then().statusCode(200).header("Content-Length", "4096").body(emptyString());
    }

    @Test
    void renditionSubFolderIsServed() {
        room.write("720p/init.mp4", new byte[] {1, 2, 3});
        given().get("/hls/shop/contract/720p/init.mp4").then().statusCode(200).header("Content-Type", "video/mp4");
    }

    @Test
    void aRoomWithRenditionFoldersGetsAMultivariantPlaylist() {
        RoomFiles ladder = new RoomFiles(DATA, "shop", "ladder");
        String rendition = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2.000,\nseg7.ts\n";
        ladder.write("1080p/live.m3u8", rendition).write("360p/live.m3u8", rendition).write("1080p/seg7.ts", new byte[] {7});
        ladder.write("notes/live.m3u8", rendition); // not a ladder rendition: not listed
        await().until(() -> given().get("/hls/shop/ladder/index.m3u8").statusCode() == 200); // the scanner found the room
        String master = given().get("/hls/shop/ladder/index.m3u8").then().statusCode(200)
                .header("Content-Type", "application/vnd.apple.mpegurl").extract().asString();
        assertEquals("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=896000,RESOLUTION=640x360,CODECS=\"avc1.640028,mp4a.40.2\"\n360p/index.m3u8\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=4628000,RESOLUTION=1920x1080,CODECS=\"avc1.640028,mp4a.40.2\"\n1080p/index.m3u8\n", master);
        // Each variant URI resolves to that rendition's live playlist.
        given().get("/hls/shop/ladder/1080p/index.m3u8").then().statusCode(200).body(containsString("seg7.ts"));
        given().get("/hls/shop/ladder/1080p/seg7.ts").then().statusCode(200);
        given().get("/hls/shop/no-such-room/index.m3u8").then().statusCode(404);
    }

    @Test
    void anAudioOnlyRenditionIsListedWithoutResolutionAndWithTheAudioCodecOnly() {
        RoomFiles radio = new RoomFiles(DATA, "shop", "radio");
        String rendition = "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:6\n#EXT-X-MEDIA-SEQUENCE:1\n#EXTINF:6.000,\nseg1.ts\n";
        radio.write("audio/live.m3u8", rendition).write("720p/live.m3u8", rendition);
        await().until(() -> given().get("/hls/shop/radio/index.m3u8").statusCode() == 200);
        assertEquals("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=128000,CODECS=\"mp4a.40.2\"\naudio/index.m3u8\n"
                + "#EXT-X-STREAM-INF:BANDWIDTH=3128000,RESOLUTION=1280x720,CODECS=\"avc1.640028,mp4a.40.2\"\n720p/index.m3u8\n",
                given().get("/hls/shop/radio/index.m3u8").then().statusCode(200).extract().asString());
    }

    @Test
    void corsPreflightMethodsAndErrors() {
        given().header("Origin", "https://player.example").header("Access-Control-Request-Method", "GET")
                .options("/hls/shop/contract/seg100.ts")
                .then().statusCode(204)
                .header("Access-Control-Allow-Origin", "*")
                .header("Access-Control-Allow-Methods", containsString("GET"))
                .header("Access-Control-Allow-Headers", containsString("Range"));
        given().post("/hls/shop/contract/seg100.ts").then().statusCode(405)
                .header("Allow", "GET, HEAD, OPTIONS").header("Access-Control-Allow-Origin", "*");
        given().get("/hls/shop/contract/seg999.ts").then().statusCode(404).header("Access-Control-Allow-Origin", "*");
        given().get("/hls/shop/nobody-here/index.m3u8").then().statusCode(404);
    }

    @Test
    void claimsTheRoomAndHeartbeatsTheNode() {
        await().atMost(Duration.ofSeconds(5)).until(() -> "test-node".equals(redis.value(String.class).get("sh:origin:shop:contract")));
        String hlsUrl = redis.hash(String.class).hget("sh:node:test-node", "hlsUrl");
        assertTrue(hlsUrl.startsWith("http://"), hlsUrl);
        assertEquals("wss://livekit.test-node.example.com",
                redis.hash(String.class).hget("sh:node:test-node", io.streamhub.shared.NodeRecord.LIVEKIT_PUBLIC_URL),
                "what config-service hands WebRTC viewers of this node's rooms");
        assertTrue(redis.key().ttl("sh:node:test-node") > 0, "node record expires unless refreshed");
        long claimTtl = redis.key().ttl("sh:origin:shop:contract");
        assertTrue(claimTtl > 0 && claimTtl <= 6, "claim lives 3 target durations: " + claimTtl);
    }

    @Test
    void claimsANewRoomAndReleasesItWhenItsPlaylistStalls() {
        List<String> events = new CopyOnWriteArrayList<>();
        var subscriber = redis.pubsub(String.class).subscribe("sh:events", events::add);
        try {
            RoomFiles fresh = new RoomFiles(DATA, "shop", "short-lived").live(1, 0, 3, 100);
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e ->
                    e.contains("origin.claimed") && e.contains("short-lived") && e.contains("test-node")));
            // One target duration is 1 s: with no change for three of them the room is handed back.
            await().atMost(Duration.ofSeconds(8)).until(() -> events.stream().anyMatch(e ->
                    e.contains("origin.released") && e.contains("short-lived")));
            assertEquals(null, redis.value(String.class).get("sh:origin:shop:short-lived"));
            assertTrue(fresh.dir().toFile().exists(), "files are the egress's; the router never deletes them");
        } finally {
            subscriber.unsubscribe();
        }
    }

    @Test
    void exposesMetricsAndHealth() {
        given().get("/hls/shop/contract/seg101.ts").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("streamhub_router_requests_total{kind=\"segment\",role=\"all-in-one\",status=\"200\"}"))
                .body(containsString("streamhub_router_sent_bytes_total"));
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks[0].data.role", equalTo("all-in-one"));
        given().get("/q/health/live").then().statusCode(200);
    }
}
