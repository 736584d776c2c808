package io.streamhub.viewing.play;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamhub.shared.NodeRecord;
import io.streamhub.shared.RoomRecord;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * WebRTC viewing in playback: the room's media node's public LiveKit URL and a subscribe-only token
 * with exactly the grants a viewer needs, caps per room, per node and per address, HLS only past them,
 * one slot per viewer (re-polls refresh it, a release frees it), a 404
 * for a room that is not live, nothing for apps without it.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(WebrtcAppsResource.class)
class WebrtcPlaybackTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void liveRooms() {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/apps/auction").statusCode() == 200);
        redis.flushall();
        redis.hash(String.class).hset("sh:node:lk-1", Map.of(NodeRecord.HLS_URL, "http://10.0.0.5:8080",
                NodeRecord.LIVEKIT_PUBLIC_URL, "wss://lk-1.example.com"));
        redis.hash(String.class).hset("sh:node:lk-2", Map.of(NodeRecord.HLS_URL, "http://10.0.0.6:8080"));
        for (String room : new String[] {"a", "b", "c"}) {
            live("auction", room, "lk-1");
        }
        live("auction", "elsewhere", "lk-2");
        live("plainhls", "a", "lk-1");
    }

    void live(String app, String room, String node) {
        redis.hash(String.class).hset("sh:room:" + app + ":" + room, Map.of(RoomRecord.APP, app, RoomRecord.ROOM, room,
                RoomRecord.STATUS, "live", RoomRecord.LIVEKIT_NODE, node));
    }

    /** Each new viewer comes from an address of its own (the per-address cap is 1 here), unless a test says otherwise. */
    static final java.util.concurrent.atomic.AtomicInteger ADDRESSES = new java.util.concurrent.atomic.AtomicInteger();

    JsonPath playback(String app, String room) {
        return playback(app, room, "198.51.100." + ADDRESSES.incrementAndGet() % 250, null);
    }

    JsonPath playback(String app, String room, String address, String viewer) {
        var request = given().header("X-Forwarded-For", address);
        if (viewer != null) {
            request.queryParam("viewer", viewer);
        }
        return request.get("/api/apps/" + app + "/rooms/" + room + "/playback").then().statusCode(200).extract().jsonPath();
    }

    long slots(String key) {
        return redis.sortedSet(String.class).zcard(key);
    }

    @Test
    void aViewersRepollsKeepItsOneSlotAndItsIdentity() throws Exception {
        JsonPath first = playback("auction", "a", "203.0.113.7", null);
        assertEquals(true, first.getBoolean("webrtc.enabled"));
        String sub = verified(first.getString("webrtc.token")).path("sub").asText();
        String ticket = first.getString("viewer");
        for (int i = 0; i < 6; i++) {
            JsonPath again = playback("auction", "a", "203.0.113.7", ticket);
            assertEquals(true, again.getBoolean("webrtc.enabled"), "its own slot, refreshed");
            assertEquals(sub, verified(again.getString("webrtc.token")).path("sub").asText());
            ticket = again.getString("viewer");
        }
        assertEquals(1L, slots("sh:webrtc:room:auction:a"), "six re-polls, one slot");
        assertEquals(1L, slots("sh:webrtc:node:lk-1"));
        // The room's other slot is still there for a second viewer.
        assertEquals(true, playback("auction", "a").getBoolean("webrtc.enabled"));
    }

    @Test
    void aViewerThatFellBackToHlsReleasesItsSlotAndItsRepollsTakeNone() {
        JsonPath first = playback("auction", "a", "203.0.113.8", null);
        String ticket = first.getString("viewer");
        assertEquals(1L, slots("sh:webrtc:room:auction:a"));
        given().header("X-Forwarded-For", "203.0.113.8").queryParam("viewer", ticket).delete("/api/apps/auction/rooms/a/webrtc")
                .then().statusCode(204);
        assertEquals(0L, slots("sh:webrtc:room:auction:a"));
        assertEquals(0L, slots("sh:webrtc:node:lk-1"));
        assertEquals(0L, slots("sh:webrtc:room:auction:a:203.0.113.8"));
        JsonPath repoll = playback("auction", "a", "203.0.113.8", ticket);
        assertEquals(false, repoll.getBoolean("webrtc.enabled"));
        assertTrue(repoll.getString("webrtc.reason").contains("plays HLS"), repoll.getString("webrtc.reason"));
        assertEquals(0L, slots("sh:webrtc:room:auction:a"), "an HLS viewer's re-poll takes no slot");
        // A made-up ticket releases nothing; one of another room neither.
        given().queryParam("viewer", "0123456789abcdef01234567.9999999999.AAAAAAAAAAAAAAAAAAAAAAAA")
                .delete("/api/apps/auction/rooms/a/webrtc").then().statusCode(403).body("error", containsString("ticket"));
        given().queryParam("viewer", ticket).delete("/api/apps/auction/rooms/b/webrtc").then().statusCode(403);
    }

    @Test
    void oneAddressHoldsAtMostItsCapOfSlotsInARoom() {
        assertEquals(true, playback("auction", "a", "203.0.113.9", null).getBoolean("webrtc.enabled"));
        JsonPath second = playback("auction", "a", "203.0.113.9", null);
        assertEquals(false, second.getBoolean("webrtc.enabled"));
        assertTrue(second.getString("webrtc.reason").contains("max-per-address"), second.getString("webrtc.reason"));
        assertEquals(true, playback("auction", "a", "203.0.113.10", null).getBoolean("webrtc.enabled"), "another address still gets one");
    }

    @Test
    void theTokenIsSignedForTheRoomAndGrantsSubscribingOnly() throws Exception {
        JsonPath p = playback("auction", "a");
        assertEquals(true, p.getBoolean("webrtc.enabled"));
        assertEquals("wss://lk-1.example.com", p.getString("webrtc.url"));
        assertEquals("https://cdn.auction.example.com/hls/auction/a/index.m3u8", p.getString("playlistUrl"), "HLS stays the fallback");
        JsonNode claims = verified(p.getString("webrtc.token"));
        assertEquals(WebrtcAppsResource.API_KEY, claims.path("iss").asText());
        assertTrue(claims.path("sub").asText().matches("viewer-[0-9a-f]{24}"), claims.path("sub").asText());
        long left = claims.path("exp").asLong() - System.currentTimeMillis() / 1000;
        assertTrue(left > 110 && left <= 120, "the app's token_ttl of 2m: " + left + " s left");
        assertEquals(p.getLong("webrtc.expiresAt") / 1000, claims.path("exp").asLong(), 1.0, "expiresAt tells the player when to renew");
        JsonNode video = claims.path("video");
        Set<String> grants = new TreeSet<>();
        for (Iterator<String> it = video.fieldNames(); it.hasNext(); ) {
            grants.add(it.next());
        }
        assertEquals(new TreeSet<>(Set.of("roomJoin", "room", "canSubscribe", "canPublish", "canPublishData", "hidden")), grants,
                "exactly these grants: " + video);
        assertEquals("auction:a", video.path("room").asText());
        assertTrue(video.path("roomJoin").asBoolean() && video.path("canSubscribe").asBoolean() && video.path("hidden").asBoolean());
        assertTrue(!video.path("canPublish").asBoolean() && !video.path("canPublishData").asBoolean());
        // Each viewer has an identity of their own.
        assertTrue(!claims.path("sub").asText().equals(verified(playback("auction", "b").getString("webrtc.token")).path("sub").asText()));
    }

    @Test
    void theCapsPerRoomAndPerNodeHoldAndPastThemViewersGetHlsOnly() {
        assertEquals(true, playback("auction", "a").getBoolean("webrtc.enabled"));
        assertEquals(true, playback("auction", "a").getBoolean("webrtc.enabled"));
        JsonPath third = playback("auction", "a");
        assertEquals(false, third.getBoolean("webrtc.enabled"));
        assertTrue(third.getString("webrtc.reason").contains("max-per-room"), third.getString("webrtc.reason"));
        assertEquals("https://cdn.auction.example.com/hls/auction/a/index.m3u8", third.getString("playlistUrl"));
        // Two tokens on lk-1 so far; the node allows three.
        assertEquals(true, playback("auction", "b").getBoolean("webrtc.enabled"));
        JsonPath nodeFull = playback("auction", "c");
        assertEquals(false, nodeFull.getBoolean("webrtc.enabled"));
        assertTrue(nodeFull.getString("webrtc.reason").contains("max-per-node"), nodeFull.getString("webrtc.reason"));
        assertEquals(3L, redis.sortedSet(String.class).zcard("sh:webrtc:node:lk-1"));
    }

    @Test
    void noTokenForAnAppWithoutItNorFromANodeWithoutAPublicUrl() {
        JsonPath plain = playback("plainhls", "a");
        assertEquals(false, plain.getBoolean("webrtc.enabled"));
        given().get("/api/apps/plainhls/rooms/a/playback").then().body("webrtc.token", nullValue()).body("webrtc.reason", nullValue());
        JsonPath noUrl = playback("auction", "elsewhere");
        assertEquals(false, noUrl.getBoolean("webrtc.enabled"));
        assertTrue(noUrl.getString("webrtc.reason").contains("router.livekit-public-url"));
    }

    @Test
    void aRoomThatIsNotLiveIsAClear404() {
        given().get("/api/apps/auction/rooms/gone/playback").then().statusCode(404)
                .body("error", equalTo("room auction/gone is not live"));
        redis.hash(String.class).hset("sh:room:auction:starting", Map.of(RoomRecord.APP, "auction", RoomRecord.ROOM, "starting",
                RoomRecord.STATUS, "starting", RoomRecord.LIVEKIT_NODE, "lk-1"));
        given().get("/api/apps/auction/rooms/starting/playback").then().statusCode(404).body("error", containsString("egress starting"));
    }

    /** The JWT's claims, after checking its HMAC-SHA256 signature with the API secret as LiveKit does. */
    static JsonNode verified(String jwt) throws Exception {
        String[] parts = jwt.split("\\.");
        assertEquals(3, parts.length);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(WebrtcAppsResource.API_SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] expected = mac.doFinal((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertTrue(MessageDigest.isEqual(expected, Base64.getUrlDecoder().decode(parts[2])), "signed with the API secret");
        JsonNode header = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[0]));
        assertEquals("HS256", header.path("alg").asText());
        return new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
    }
}
