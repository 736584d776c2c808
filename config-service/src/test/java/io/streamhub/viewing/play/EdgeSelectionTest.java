package io.streamhub.viewing.play;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.shared.app.EffectiveAppConfig.Edge;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Edge mode's playback picks an edge by the viewer's zone and the edges' probed health. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(EdgesResource.class)
class EdgeSelectionTest {

    @Inject
    EdgeHealth health;

    @BeforeEach
    void probed() {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/apps/regional").statusCode() == 200
                && health.isDown(new Edge(EdgesResource.downEu, Optional.of("eu"))));
    }

    String playlist(String edge) {
        return edge + "/hls/regional/main/index.m3u8";
    }

    @Test
    void aViewerGetsAnEdgeOfTheirZoneThatIsUp() {
        // eu has two edges; the first is down, so every eu viewer goes to the other.
        for (String room : new String[] {"main", "r1", "r2", "r3"}) {
            given().get("/api/apps/regional/rooms/" + room + "/playback?zone=eu").then().statusCode(200)
                    .body("playlistUrl", equalTo(EdgesResource.upEu + "/hls/regional/" + room + "/index.m3u8"))
                    .body("edge.zone", equalTo("eu")).body("edge.reason", containsString("viewer's zone eu"));
        }
        // The zone comes from the CDN's or load balancer's header too; the query parameter wins over it.
        given().header("X-Viewer-Zone", "us").get("/api/apps/regional/rooms/main/playback").then().statusCode(200)
                .body("playlistUrl", equalTo(playlist(EdgesResource.upUs)));
        given().header("X-Viewer-Zone", "us").get("/api/apps/regional/rooms/main/playback?zone=eu").then()
                .body("playlistUrl", equalTo(playlist(EdgesResource.upEu)));
    }

    @Test
    void noZoneOrAnUnknownOneGetsAnEdgeThatIsUpAndARoomSticksToOne() {
        for (String query : new String[] {"", "?zone=asia"}) {
            for (int i = 0; i < 20; i++) {
                String room = "room" + i;
                given().get("/api/apps/regional/rooms/" + room + "/playback" + query).then().statusCode(200)
                        .body("playlistUrl", not(containsString(EdgesResource.downEu)));
            }
        }
        String first = given().get("/api/apps/regional/rooms/room7/playback").jsonPath().getString("playlistUrl");
        assertEquals(first, given().get("/api/apps/regional/rooms/room7/playback").jsonPath().getString("playlistUrl"),
                "one room's viewers share one edge's cache");
        given().get("/api/apps/regional/rooms/room7/playback?zone=asia").then()
                .body("edge.reason", containsString("no edge in the viewer's zone asia"));
    }

    @Test
    void roomsSpreadOverTheEdgesThatAreUp() {
        java.util.Set<String> used = new java.util.HashSet<>();
        for (int i = 0; i < 20; i++) {
            used.add(given().get("/api/apps/regional/rooms/spread" + i + "/playback").jsonPath().getString("edge.url"));
        }
        assertEquals(java.util.Set.of(EdgesResource.upEu, EdgesResource.upUs), used);
        assertNotEquals(EdgesResource.upEu, EdgesResource.upUs);
    }

    @Test
    void aHostileZoneIsRefused() {
        given().get("/api/apps/regional/rooms/main/playback?zone=../etc").then().statusCode(400).body("error", containsString("zone"));
        given().header("X-Viewer-Zone", "a b").get("/api/apps/regional/rooms/main/playback").then().statusCode(400);
    }
}
