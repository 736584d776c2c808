package io.streamhub.config.source;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Last-known-good survives a restart: started on an invalid Git head with an empty Redis and no kept
 * copy, the service finds the newest valid commit in the history, serves and publishes it, is ready,
 * and says which revision it refused and why.
 */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(InvalidHeadRepoResource.class)
class InvalidHeadAtStartTest {

    @Inject
    RedisDataSource redis;

    @Test
    void servesAndPublishesTheNewestValidCommitAndReportsTheRejectedHead() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
        given().get("/api/status").then()
                .body("revision", equalTo(InvalidHeadRepoResource.good))
                .body("rejectedRevision", equalTo(InvalidHeadRepoResource.head))
                .body("problems", not(empty()))
                .body("apps", equalTo(ConfigMapFolder.exampleCount()));
        String p = InvalidHeadRepoResource.PREFIX;
        await().atMost(Duration.ofSeconds(5)).until(() -> redis.value(String.class).get(p + "config:shop") != null);
        assertTrue(redis.value(String.class).get(p + "apps").contains(InvalidHeadRepoResource.good));
        given().get("/api/apps/shop/rooms/main/playback").then().statusCode(200);
        String metrics = given().get("/q/metrics").asString();
        assertTrue(metrics.contains("streamhub_config_head_rejected 1.0"), () -> "the rejection is visible in the metrics: " + metrics.lines().filter(l -> l.startsWith("streamhub_config")).toList());
        assertTrue(metrics.contains("streamhub_config_recoveries_total{from=\"history\"} 1.0"), metrics.lines()
                .filter(l -> l.startsWith("streamhub_config")).toList().toString());
    }
}
