package io.streamhub.viewing.play;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.streamhub.testsupport.RedisTestResource;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The playback API with {@code tracker-pod-urls}: every shard of a room announces to the URL of
 * its pod, pods taking a room's shards in turn, so three pods hold 4, 3 and 3 of ten.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(TrackerUrlsPodsResource.class)
class TrackerUrlsPlaybackTest {

    static final List<String> PODS = List.of("ws://127.0.0.1:8184/announce", "ws://127.0.0.1:8185/announce", "wss://tracker-2.example.com/announce");

    @BeforeEach
    void configApplied() {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/apps/mass").statusCode() == 200
                && given().get("/api/apps/mesh").statusCode() == 200);
    }

    @Test
    void eachShardAnnouncesToItsPodsOwnUrl() {
        JsonPath p2p = given().get("/api/apps/mass/rooms/final/playback").then().statusCode(200)
                .body("p2p.shards", equalTo(10)).extract().jsonPath().setRootPath("p2p");
        int[] held = new int[PODS.size()];
        for (int k = 0; k < 10; k++) {
            List<String> announce = p2p.getList("announceShards[" + k + "]", String.class);
            // CRC32("mass/final") mod 3 = 2: shard k on pod (2 + k) mod 3.
            int pod = (2 + k) % 3;
            assertEquals(List.of(PODS.get(pod) + "/mass/final/" + k), announce);
            held[pod]++;
        }
        assertEquals(List.of(3, 3, 4), List.of(held[0], held[1], held[2]), "no pod holds more than ⌈10/3⌉ = 4");
        assertEquals(p2p.getList("announceShards"),
                given().get("/api/apps/mass/rooms/final/playback").jsonPath().getList("p2p.announceShards"), "the same map every time");
    }

    @Test
    void anUnshardedRoomAnnouncesToOnePod() {
        // CRC32("mesh/r1") mod 3 = 1.
        given().get("/api/apps/mesh/rooms/r1/playback").then().statusCode(200)
                .body("p2p.announce", equalTo(List.of(PODS.get(1) + "/mesh/r1")));
        for (String room : new String[] {"a", "b", "c", "lobby", "stage"}) {
            List<String> announce = given().get("/api/apps/mesh/rooms/" + room + "/playback").jsonPath().getList("p2p.announce", String.class);
            assertEquals(1, announce.size(), announce.toString());
            assertTrue(PODS.stream().anyMatch(p -> announce.get(0).equals(p + "/mesh/" + room)), announce.toString());
        }
    }
}
