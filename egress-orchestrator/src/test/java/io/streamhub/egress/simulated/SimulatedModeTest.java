package io.streamhub.egress.simulated;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The orchestrator wired with the simulated driver: configured rooms of configured apps get a live stream. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
@TestProfile(SimulatedModeTest.Simulated.class)
class SimulatedModeTest {

    static final Path DATA = Path.of("target", "simulated-data").toAbsolutePath();

    public static class Simulated implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            deleteRecursively(DATA); // what an earlier run wrote must not pass for this run's stream
            return Map.of("orchestrator.driver", "simulated",
                    "orchestrator.simulated.data-dir", DATA.toString(),
                    "orchestrator.simulated.rooms", "demo:main,unconfigured:room",
                    "orchestrator.simulated.segment-interval", "200ms",
                    "orchestrator.reconcile-interval", "1s");
        }
    }

    @Inject
    RedisDataSource redis;

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void configuredRoomsOfConfiguredAppsGetALoopingStream() {
        redis.value(String.class).set("sh:config:demo", "{\"app\":\"demo\",\"distribution\":{\"mode\":\"p2p\",\"hls\":{\"segment_seconds\":2,\"renditions\":[\"720p\"]}}}");
        Path live = DATA.resolve("apps/demo/hls/main/live.m3u8");
        await().atMost(Duration.ofSeconds(15)).until(() -> Files.exists(live)
                && Files.readString(live).contains("-g1-seg00002.ts"));
        await().atMost(Duration.ofSeconds(5)).until(() -> "live".equals(redis.hash(String.class).hget("sh:room:demo:main", "status")));
        assertTrue(!Files.exists(DATA.resolve("apps/unconfigured")), "a room of an app without config gets nothing");
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.driver", equalTo("simulated"));
    }
}
