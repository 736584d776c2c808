package io.streamhub.router.origin;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.streamhub.router.support.RoomFiles;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The all-in-one router's count of the HLS bytes it wrote per room, for what it serves from disk
 * (segments by {@code sendFile}, the live playlist from memory), against what a client received.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
class RoomBytesOriginTest {

    static final Path DATA = Path.of("target/test-data/all-in-one");
    static final String APP = "diskbytes";

    @Inject
    RedisDataSource redis;
    @Inject
    MeterRegistry registry;

    double counted(String room, String kind) {
        return registry.find("streamhub.router.hls.bytes").tag("app", APP).tag("room", room).tag("kind", kind).counters()
                .stream().mapToDouble(Counter::count).sum();
    }

    @Test
    void segmentsAndPlaylistsFromDiskCountWhatEachRoomsClientsReceived() {
        redis.value(String.class).set("sh:config:" + APP, "{\"app\":\"" + APP + "\",\"distribution\":{\"mode\":\"p2p\"}}");
        RoomFiles a = new RoomFiles(DATA, APP, "a").live(2, 10, 4, 5000);
        RoomFiles b = new RoomFiles(DATA, APP, "b").live(2, 20, 4, 7000);
        long[] firstPlaylists = new long[2];
        // The rooms are served once the scanner has seen them; every 200 on the way counts too.
        await().atMost(Duration.ofSeconds(5)).until(() -> {
            Response ra = given().get("/hls/" + APP + "/a/index.m3u8");
            if (ra.statusCode() == 200) {
                firstPlaylists[0] += ra.asByteArray().length;
            }
            Response rb = given().get("/hls/" + APP + "/b/index.m3u8");
            if (rb.statusCode() == 200) {
                firstPlaylists[1] += rb.asByteArray().length;
            }
            return ra.statusCode() == 200 && rb.statusCode() == 200;
        });

        long playlistA = firstPlaylists[0];
        long segmentA = 0;
        for (int i = 0; i < 3; i++) {
            Response r = given().get("/hls/" + APP + "/a/index.m3u8");
            assertEquals(200, r.statusCode());
            playlistA += r.asByteArray().length;
        }
        for (long s = 10; s < 14; s++) {
            Response r = given().get("/hls/" + APP + "/a/seg" + s + ".ts");
            assertEquals(200, r.statusCode());
            segmentA += r.asByteArray().length;
        }
        Response range = given().header("Range", "bytes=0-99").get("/hls/" + APP + "/a/seg10.ts");
        assertEquals(206, range.statusCode());
        segmentA += range.asByteArray().length;
        Response head = given().head("/hls/" + APP + "/a/seg11.ts");
        assertEquals(200, head.statusCode());
        String etag = given().get("/hls/" + APP + "/a/seg12.ts").header("ETag");
        segmentA += 5000;
        assertEquals(304, given().header("If-None-Match", etag).get("/hls/" + APP + "/a/seg12.ts").statusCode());
        assertEquals(404, given().get("/hls/" + APP + "/a/seg99.ts").statusCode());

        long segmentB = 0;
        Response r = given().get("/hls/" + APP + "/b/seg21.ts");
        segmentB += r.asByteArray().length;
        assertEquals(4 * 5000 + 100 + 5000, segmentA);
        assertEquals(7000, segmentB);

        long pa = playlistA;
        long sa = segmentA;
        long sb = segmentB;
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            assertEquals(pa, counted("a", "playlist"), 0.0);
            assertEquals(sa, counted("a", "segment"), 0.0);
            assertEquals(sb, counted("b", "segment"), 0.0);
            assertEquals(firstPlaylists[1], counted("b", "playlist"), 0.0);
        });
        Counter labelled = registry.find("streamhub.router.hls.bytes").tag("app", APP).tag("room", "a").tag("kind", "segment")
                .tag("mode", "p2p").tag("role", "all-in-one").counter();
        assertTrue(labelled != null && labelled.count() == sa, "labelled with the app's mode and the role");

        // A room the router does not have: 404, and no series.
        assertEquals(404, given().get("/hls/" + APP + "/nowhere/index.m3u8").statusCode());
        assertTrue(registry.find("streamhub.router.hls.bytes").tag("room", "nowhere").counters().isEmpty());
    }
}
