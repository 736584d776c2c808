package io.streamhub.config.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.config.source.ConfigMapFolder;
import io.streamhub.config.source.ConfigMapResource;
import io.streamhub.testsupport.RedisTestResource;
import java.time.Duration;
import java.util.List;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The REST API over the example apps. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(ConfigMapResource.class)
class ApiTest {

    @BeforeEach
    void configLoaded() {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/apps").jsonPath().getList("app").size() == ConfigMapFolder.exampleCount());
    }

    @Test
    void listsAppsAndShowsOne() {
        given().get("/api/apps").then().statusCode(200)
                .body("app", hasItems("classroom", "festival", "newsroom", "shop"));
        given().get("/api/apps/shop").then().statusCode(200)
                .body("distribution.cdn.provider", equalTo("cloudfront"))
                .body("distribution.p2p.enabled", equalTo(false));
        given().get("/api/apps/nope").then().statusCode(404).body("error", equalTo("unknown app 'nope'"));
    }

    @Test
    void playbackForEachMode() {
        given().get("/api/apps/festival/rooms/main-stage/playback").then().statusCode(200)
                .body("mode", equalTo("hybrid"))
                .body("playlistUrl", equalTo("https://cdn.festival.example.com/hls/festival/main-stage/index.m3u8"))
                .body("playUrl", equalTo("http://127.0.0.1:8081/play/festival/main-stage"))
                .body("p2p.enabled", equalTo(true))
                .body("p2p.announce[0]", equalTo("wss://tracker.festival.example.com/announce/festival/main-stage"))
                .body("p2p.iceServers[0].urls", equalTo("stun:stun.l.google.com:19302"))
                .body("p2p.swarmId", equalTo("festival/main-stage"))
                // festival: 6-second segments, timing derived: HTTP for the next segment; the seed window (an
                // elected viewer's early HTTP fetch, and peers) reaches the live edge: live sync + 2 segments.
                .body("timing.segmentSeconds", equalTo(6))
                .body("timing.liveSyncDurationCount", equalTo(4))
                .body("p2p.highDemandTimeWindow", equalTo(6.0f))
                .body("p2p.httpDownloadTimeWindow", equalTo(36.0f))
                .body("p2p.p2pDownloadTimeWindow", equalTo(36.0f));
        // No ice_servers in the file: the installation's default STUN list; ice_servers: [] gives none.
        given().get("/api/apps/classroom/rooms/r1/playback").then().statusCode(200)
                .body("p2p.iceServers.urls", equalTo(List.of("stun:stun.l.google.com:19302", "stun:stun.cloudflare.com:3478")));
        given().get("/api/apps/demo/rooms/r1/playback").then().statusCode(200)
                .body("p2p.enabled", equalTo(true)).body("p2p.iceServers", equalTo(List.of()));
        given().get("/api/apps/shop/rooms/r1/playback").then().statusCode(200)
                .body("playlistUrl", equalTo("https://cdn.shop.example.com/hls/shop/r1/index.m3u8"))
                .body("p2p.enabled", equalTo(false));
        given().get("/api/apps/newsroom/rooms/r1/playback?zone=eu").then().statusCode(200)
                .body("playlistUrl", equalTo("https://edge-eu.newsroom.example.com/hls/newsroom/r1/index.m3u8"));
        given().header("X-Viewer-Zone", "us").get("/api/apps/newsroom/rooms/r1/playback").then().statusCode(200)
                .body("playlistUrl", equalTo("https://edge-us.newsroom.example.com/hls/newsroom/r1/index.m3u8"));
        given().get("/api/apps/nope/rooms/r1/playback").then().statusCode(404).body("error", containsString("nope"));
        given().get("/api/apps/shop/rooms/bad..room/playback").then().statusCode(400);
    }

    static io.restassured.path.json.JsonPath estimate(String query) {
        return given().get("/api/estimate?" + query).then().statusCode(200).extract().jsonPath();
    }

    @Inject
    io.quarkus.redis.datasource.RedisDataSource redis;

    @Test
    void recordingsListTheAdvertisedSessionsNewestFirstWithTheirUrls() {
        redis.hash(String.class).hset("sh:sessions:classroom:lecture", java.util.Map.of(
                "20261201T090000000Z", "node-a", "20261202T090000000Z", "node-b", "../../etc/passwd", "node-x"));
        var list = given().get("/api/apps/classroom/rooms/lecture/recordings").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("20261202T090000000Z", "20261201T090000000Z"), list.getList("session"), "a field that is no session is ignored");
        assertTrue(list.getString("[0].url").endsWith("/hls/classroom/lecture/vod-20261202T090000000Z.m3u8"), list.getString("[0].url"));
        given().get("/api/apps/classroom/rooms/empty/recordings").then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/apps/plain/rooms/lecture/recordings").then().statusCode(200).body("size()", equalTo(0));
        given().get("/api/apps/classroom/rooms/..%2Fx/recordings").then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(400), equalTo(404)));
        given().get("/api/apps/nosuch/rooms/lecture/recordings").then().statusCode(404);
    }

    @Test
    void reproducesTheReferenceCostTable() {
        // 100,000 viewers × 1 h × 2.5 Mbps ≈ 112 TB; Bunny ≈ $560; with 70 % P2P ≈ $170.
        var full = estimate("viewers=100000&bitrateMbps=2.5&hours=1&provider=bunny");
        assertEquals(112_500.0, full.getDouble("totalGb"), 0.5);
        assertEquals(560.0, full.getDouble("byProvider.bunny.usd"), 10.0);
        var shared = estimate("viewers=100000&bitrateMbps=2.5&hours=1&p2pShare=0.7&provider=bunny");
        assertEquals(33_750.0, shared.getDouble("cdnGb"), 0.5);
        assertEquals(170.0, shared.getDouble("byProvider.bunny.usd"), 5.0);
        // 1,000 viewers ≈ 1.1 TB ≈ $6.
        var small = estimate("viewers=1000&bitrateMbps=2.5&hours=1&provider=bunny");
        assertEquals(1_125.0, small.getDouble("totalGb"), 0.5);
        assertEquals(6.0, small.getDouble("byProvider.bunny.usd"), 0.5);
        // Fastly: per GB plus per 10k requests (one segment and one playlist per 6 s per viewer).
        var all = estimate("viewers=100000&bitrateMbps=2.5&hours=1");
        assertEquals(112_500 * 0.12 + 120_000_000 / 10_000.0 * 0.0075, all.getDouble("byProvider.fastly.usd"), 1.0);
        // CloudFront: $0.085/GB for the first 10 TB, lower tiers above, plus $0.01 per 10k HTTPS requests.
        var cloudfront = estimate("viewers=1000&bitrateMbps=2.5&hours=1&provider=cloudfront");
        assertEquals(1_125 * 0.085 + 1_200_000 / 10_000.0 * 0.01, cloudfront.getDouble("byProvider.cloudfront.usd"), 0.5);
        given().get("/api/estimate?provider=akamai").then().statusCode(400).body("error", containsString("unknown provider"));
    }

    @Test
    void anAudioOnlyStreamIsEstimatedAtItsLadderBitrate() {
        // 24/7 radio: the audio preset's 128 kbit/s, against 720p's 3.128 Mbit/s (video plus audio).
        var audio = estimate("viewers=1000&hours=1&rendition=audio&provider=bunny");
        assertEquals(57.6, audio.getDouble("totalGb"), 0.01);
        var video = estimate("viewers=1000&hours=1&rendition=720p&provider=bunny");
        assertEquals(1407.6, video.getDouble("totalGb"), 0.01);
        assertTrue(video.getDouble("totalGb") / audio.getDouble("totalGb") > 20, "audio is over 20x cheaper in traffic");
        given().get("/api/estimate?rendition=4k").then().statusCode(400)
                .body("error", containsString("unknown rendition '4k'")).body("error", containsString("audio"));
        given().get("/api/estimate?rendition=audio&bitrateMbps=2").then().statusCode(400)
                .body("error", containsString("bitrateMbps or rendition"));
    }

    @Test
    void adviceFollowsTheMatrixAndRefusesBadInputByName() {
        given().get("/api/advice?audience=100000&hours=1").then().statusCode(200)
                .body("mode", equalTo("hybrid")).body("useCase", equalTo("mass event")).body("p2pShare", equalTo(0.7f))
                .body("cost.byProvider.bunny.usd", equalTo(168.75f)).body("reason", containsString("100000 viewers"));
        given().get("/api/advice?audience=2000&interactivity=host").then().statusCode(200)
                .body("mode", equalTo("cdn")).body("webrtc", equalTo(true));
        given().get("/api/advice?audience=2000&rendition=audio&hours=720").then().statusCode(200)
                .body("useCase", equalTo("24/7 radio / audio"));
        given().get("/api/advice?audience=0&interactivity=some&closedNetwork=yes&bitrateMbps=-2").then().statusCode(400)
                .body("error", containsString("audience must be a whole number from 1"))
                .body("error", containsString("interactivity must be one of [none, host, all], not 'some'"))
                .body("error", containsString("closedNetwork must be true or false, not 'yes'"))
                .body("error", containsString("bitrateMbps must be a number above 0"));
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/advice")).body(containsString("interactivity"));
    }

    @Test
    void estimateFiguresAreRoundedAsABillIs() {
        var shared = estimate("viewers=100000&bitrateMbps=2.5&hours=1&p2pShare=0.7&provider=bunny");
        // 112,500 GB × 0.3 is 33750.00000000001 in binary floating point.
        String body = given().get("/api/estimate?viewers=100000&bitrateMbps=2.5&hours=1&p2pShare=0.7&provider=bunny").asString();
        assertFalse(body.contains("0000000"), body);
        assertEquals(33_750.0, shared.getDouble("cdnGb"));
        double usd = shared.getDouble("byProvider.bunny.usd");
        assertEquals(usd, Math.round(usd * 100) / 100.0, "dollars to the cent: " + usd);
        double requests = shared.getDouble("byProvider.bunny.requests");
        assertEquals(requests, Math.rint(requests), "whole requests: " + requests);
    }

    @Test
    void aBadEstimateParameterIsA400NamingIt() {
        given().get("/api/estimate?viewers=-1&bitrateMbps=abc").then().statusCode(400)
                .body("error", containsString("viewers must be a whole number from 0 to 100000000, not '-1'"))
                .body("error", containsString("bitrateMbps must be a number above 0 and up to 100, not 'abc'"));
        given().get("/api/estimate?p2pShare=1.5").then().statusCode(400).body("error", containsString("p2pShare must be a number from 0 to 1"));
        given().get("/api/estimate?hours=NaN").then().statusCode(400).body("error", containsString("hours"));
        given().get("/api/estimate?segmentSeconds=2.5").then().statusCode(400).body("error", containsString("segmentSeconds must be a whole number"));
        given().get("/api/estimate?viewers=" + "9".repeat(400)).then().statusCode(400).body("error", containsString("viewers"));
        given().get("/api/estimate").then().statusCode(200).body("totalGb", equalTo(1125.0f));
    }

    @Test
    void anUnknownQueryParameterIsA400NamingItAndTheAcceptedOnes() {
        // Ignored, the misspelt flag would get advice for a watch-only audience: cdn.
        given().get("/api/advice?audience=10&interactive=true").then().statusCode(400)
                .body("error", equalTo("unknown query parameter 'interactive'; accepted: "
                        + "[audience, interactivity, closedNetwork, recurring, vod, bitrateMbps, rendition, hours]"));
        given().get("/api/advice?audience=10&interactivity=all").then().statusCode(200).body("webrtc", equalTo(true));
        given().get("/api/estimate?viewer=5&hour=2").then().statusCode(400)
                .body("error", containsString("unknown query parameters 'hour', 'viewer'; accepted: [viewers, bitrateMbps,"));
        // Endpoints without checked parameters still ignore what they do not read (players add cache busters).
        given().get("/api/apps/shop/rooms/r1/playback?_=123").then().statusCode(200);
    }

    @Test
    void aRefusedValueIsQuotedAsWrittenNeverReadAsAMessageTemplate() {
        given().queryParam("viewers", "{max}").queryParam("hours", "${1}").get("/api/estimate").then().statusCode(400)
                .body("error", equalTo("hours must be a number above 0 and up to 744, not '${1}'; "
                        + "viewers must be a whole number from 0 to 100000000, not '{max}'"));
    }

    @Test
    void reloadNeedsTheBearerToken() {
        given().post("/api/reload").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").post("/api/reload").then().statusCode(401);
        given().header("Authorization", "Bearer test-token").post("/api/reload").then().statusCode(200)
                .body("outcome", equalTo("unchanged"));
    }

    @Test
    void publishesTheSchemaAndReadiness() {
        given().get("/schema/app-config.schema.json").then().statusCode(200)
                .contentType("application/schema+json").body("title", containsString("apps/<app>.yaml"));
        given().get("/q/health/ready").then().statusCode(200).body("checks.find { it.name == 'config' }.data.apps", equalTo(ConfigMapFolder.exampleCount()));
    }

    @Test
    void playbackListsTheHostsThePagesPlaylistMayComeFrom() {
        given().get("/api/apps/festival/rooms/main-stage/playback").then().statusCode(200)
                .body("playlistHosts", equalTo(java.util.List.of("127.0.0.1", "cdn.festival.example.com")));
        given().get("/api/apps/newsroom/rooms/desk/playback").then().statusCode(200)
                .body("playlistHosts", equalTo(java.util.List.of("127.0.0.1", "edge-eu.newsroom.example.com", "edge-us.newsroom.example.com")));
    }

    @Test
    void publishesOpenApiAndCors() {
        given().get("/q/openapi").then().statusCode(200).body(containsString("/api/apps/{app}/rooms/{room}/playback"));
        given().header("Origin", "https://player.example.com").get("/api/apps").then()
                .header("Access-Control-Allow-Origin", "https://player.example.com");
    }
}
