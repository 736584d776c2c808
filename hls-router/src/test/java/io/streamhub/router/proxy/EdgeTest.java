package io.streamhub.router.proxy;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.streamhub.router.support.Playlist;
import io.streamhub.testsupport.RedisTestResource;
import org.junit.jupiter.api.Test;

/** The edge role: the same shield cache in front of one fixed upstream, no Redis involved. */
@QuarkusTest
@TestProfile(EdgeProfile.class)
@WithTestResource(RedisTestResource.class)
class EdgeTest {

    @Test
    void servesThroughTheFixedUpstreamAndCaches() {
        byte[] segment = MasterShieldTest.randomBytes(3000, 9);
        EdgeProfile.UPSTREAM.put("/hls/tv/news/index.m3u8", Playlist.live(4, 7, 3)).put("/hls/tv/news/seg7.ts", segment);
        given().get("/hls/tv/news/index.m3u8").then().statusCode(200).header("X-Cache", "MISS")
                .header("Content-Type", "application/vnd.apple.mpegurl")
                .header("Cache-Control", "no-cache"); // the operator's setting, playlists only
        assertArrayEquals(segment, given().get("/hls/tv/news/seg7.ts").asByteArray());
        given().get("/hls/tv/news/seg7.ts").then().header("Cache-Control", "public, max-age=31536000, immutable");
        given().get("/hls/tv/news/seg7.ts").then().statusCode(200).header("X-Cache", "HIT");
        assertEquals(1, EdgeProfile.UPSTREAM.count("/hls/tv/news/seg7.ts"));
        assertEquals(java.util.List.of("edge-secret-1", "edge-secret-1"), EdgeProfile.UPSTREAM.headerValues("X-StreamHub-Origin-Token"),
                "every fetch carries the token a protected master asks for");
        given().get("/hls/tv/unknown/index.m3u8").then().statusCode(404);
    }

    @Test
    void isReadyWithoutRedis() {
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.role", equalTo("edge"));
    }
}
