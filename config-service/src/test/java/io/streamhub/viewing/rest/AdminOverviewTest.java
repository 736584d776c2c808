package io.streamhub.viewing.rest;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.config.source.ConfigMapFolder;
import io.streamhub.config.source.ConfigMapResource;
import io.streamhub.shared.RoomRecord;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The operator page's data: behind the admin token, the config, the apps and the rooms as Redis holds them. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(ConfigMapResource.class)
class AdminOverviewTest {

    @Inject
    RedisDataSource redis;

    @BeforeEach
    void configLoaded() {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/apps").jsonPath().getList("app").size()
                == ConfigMapFolder.exampleCount());
    }

    @Test
    void needsTheAdminToken() {
        given().get("/api/admin/overview").then().statusCode(401).header("WWW-Authenticate", "Bearer");
        given().header("Authorization", "Bearer wrong").get("/api/admin/overview").then().statusCode(401);
    }

    @Test
    void showsTheConfigTheAppsAndEveryRoomWithItsNodes() {
        // A room as the orchestrator records it (RoomRecord's fields), claimed by an origin node.
        redis.hash(String.class).hset("sh:room:festival:final", Map.of(RoomRecord.APP, "festival", RoomRecord.ROOM, "final",
                RoomRecord.STATUS, "live", RoomRecord.LIVEKIT_NODE, "lk-1", RoomRecord.EGRESS_IDS, "EG_a,EG_b",
                RoomRecord.LAST_ERROR, "", RoomRecord.UPDATED_AT, "1764600000000"));
        redis.value(String.class).set("sh:origin:festival:final", "node-a");
        redis.hash(String.class).hset("sh:room:shop:broken", Map.of(RoomRecord.APP, "shop", RoomRecord.ROOM, "broken",
                RoomRecord.STATUS, "failed", RoomRecord.LAST_ERROR, "<img src=x> no media node"));

        given().header("Authorization", "Bearer test-token").get("/api/admin/overview").then().statusCode(200)
                .body("config.revision", containsString("sha256:"))
                .body("apps.app", hasItems("festival", "radio", "shop"))
                .body("apps.find { it.app == 'radio' }.renditions", equalTo(java.util.List.of("audio")))
                .body("apps.find { it.app == 'festival' }.mode", equalTo("hybrid"))
                .body("rooms.find { it.room == 'final' }.originNode", equalTo("node-a"))
                .body("rooms.find { it.room == 'final' }.livekitNode", equalTo("lk-1"))
                .body("rooms.find { it.room == 'final' }.egressIds", equalTo(java.util.List.of("EG_a", "EG_b")))
                .body("rooms.find { it.room == 'broken' }.status", equalTo("failed"))
                .body("rooms.find { it.room == 'broken' }.originNode", equalTo(""))
                .body("redis", equalTo("up"));
    }

    @Test
    void showsEachAppsP2pOffloadFromWhatItsPlayersReported() {
        String ticket = given().get("/api/apps/demo/rooms/main/playback").then().extract().path("viewer");
        given().contentType("application/json").body("{\"ticket\": \"" + ticket + "\", \"httpBytes\": 1000, \"p2pBytes\": 3000}")
                .post("/api/apps/demo/rooms/main/stats").then().statusCode(204);
        given().header("Authorization", "Bearer test-token").get("/api/admin/overview").then().statusCode(200)
                .body("apps.find { it.app == 'demo' }.p2pShare", equalTo(0.75f))
                .body("apps.find { it.app == 'demo' }.p2pBytes", equalTo(3000));
    }

    @Test
    void thePageIsServed() {
        given().get("/admin/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("StreamHub operator")).body(containsString("admin.js"));
        given().get("/admin/admin.js").then().statusCode(200).body(containsString("/api/admin/overview"));
    }
}
