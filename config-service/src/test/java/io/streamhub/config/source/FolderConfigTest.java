package io.streamhub.config.source;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.streamhub.testsupport.RedisTestResource;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The service on a ConfigMap-style folder, publishing to a real Redis. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(ConfigMapResource.class)
class FolderConfigTest {

    @Inject
    RedisDataSource redis;

    String config(String app) {
        return redis.value(String.class).get("sh:config:" + app);
    }

    @Test
    void publishesEveryEffectiveConfigAndTheRevision() {
        await().atMost(Duration.ofSeconds(10)).until(() -> config("festival") != null);
        assertTrue(config("festival").contains("\"mode\":\"hybrid\""));
        assertTrue(config("newsroom").contains("\"list_size\":6"), "defaults are merged in");
        assertTrue(redis.value(String.class).get("sh:config:revision").startsWith("sha256:"));
        given().get("/api/status").then().statusCode(200)
                .body("revision", startsWith("sha256:")).body("apps", equalTo(ConfigMapFolder.exampleCount())).body("source", startsWith("folder:"));
    }

    @Test
    void whatIsPublishedIsTheSharedWireFormatEveryReaderParses() {
        await().atMost(Duration.ofSeconds(10)).until(() -> config("festival") != null);
        String json = config("festival");
        assertEquals(EffectiveAppConfig.VERSION, new JsonObject(json).getInteger(AppConfigJson.VERSION_FIELD));
        EffectiveAppConfig festival = AppConfigJson.read(json);
        assertEquals(EffectiveAppConfig.Mode.HYBRID, festival.mode());
        assertEquals(List.of("540p", "720p", "1080p"), festival.hls().renditions());
        assertEquals("https://cdn.festival.example.com", festival.distribution().cdn().orElseThrow().baseUrl().orElseThrow());
        given().get("/api/apps/festival").then().statusCode(200)
                .body(AppConfigJson.VERSION_FIELD, equalTo(EffectiveAppConfig.VERSION))
                .body("distribution.hls.list_size", equalTo(6));
    }

    @Test
    void aConfigMapSymlinkSwapIsPickedUpAndAnnounced() {
        await().atMost(Duration.ofSeconds(10)).until(() -> config("classroom") != null);
        List<String> events = new CopyOnWriteArrayList<>();
        var sub = redis.pubsub(String.class).subscribe("sh:events", events::add);
        try {
            Map<String, String> files = new TreeMap<>(ConfigMapFolder.examples());
            files.put("classroom.yaml", files.get("classroom.yaml").replace("enabled: true", "enabled: false"));
            new ConfigMapFolder(ConfigMapResource.FOLDER).publish(files);
            await().atMost(Duration.ofSeconds(5)).until(() -> config("classroom").contains("\"enabled\":false"));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e ->
                    e.contains("config.changed") && e.contains("classroom")));
            assertTrue(events.stream().noneMatch(e -> e.contains("festival")), "unchanged apps are not announced");
        } finally {
            sub.unsubscribe();
            new ConfigMapFolder(ConfigMapResource.FOLDER).publish(ConfigMapFolder.examples());
        }
    }

    @Test
    void anInvalidChangeIsRejectedWholeAndTheLastGoodConfigKeepsServing() {
        await().atMost(Duration.ofSeconds(10)).until(() -> config("festival") != null);
        String festivalBefore = config("festival");
        String revisionBefore = redis.value(String.class).get("sh:config:revision");
        Map<String, String> files = new TreeMap<>(ConfigMapFolder.examples());
        files.put("festival.yaml", files.get("festival.yaml").replace("mode: hybrid", "mode: broadcast"));
        files.put("newsroom.yaml", files.get("newsroom.yaml").replace("segment_seconds: 4", "segment_seconds: 5"));
        new ConfigMapFolder(ConfigMapResource.FOLDER).publish(files);
        try {
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/status").then()
                    .body("problems.text", hasItem(containsString("festival.yaml:4: distribution.mode:"))));
            assertEquals(festivalBefore, config("festival"));
            assertEquals(revisionBefore, redis.value(String.class).get("sh:config:revision"));
            assertTrue(config("newsroom").contains("\"segment_seconds\":4"), "nothing partial is applied");
            given().get("/api/apps/festival").then().statusCode(200).body("distribution.mode", equalTo("hybrid"));
            given().get("/q/metrics").then().body(containsString("streamhub_config_reloads_total{outcome=\"rejected\"}"));
        } finally {
            new ConfigMapFolder(ConfigMapResource.FOLDER).publish(ConfigMapFolder.examples());
        }
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/status").then()
                .body("problems.size()", equalTo(0)));
    }
}
