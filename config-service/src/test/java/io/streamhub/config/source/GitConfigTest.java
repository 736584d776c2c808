package io.streamhub.config.source;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** GitOps: a commit is how an operator changes an app, and it reaches Redis within the poll interval. */
@QuarkusTest
@WithTestResource(RedisTestResource.class)
@WithTestResource(GitRepoResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class GitConfigTest {

    @Inject
    RedisDataSource redis;

    String config(String app) {
        return redis.value(String.class).get("sh:config:" + app);
    }

    String revision() {
        return redis.value(String.class).get("sh:config:revision");
    }

    @Test
    @Order(1)
    void aCommitThatDisablesP2pReachesRedisAndAnEvent() {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/status").jsonPath().getInt("apps") == ConfigMapFolder.exampleCount());
        given().get("/api/status").then().body("source", containsString("git:"));
        List<String> events = new CopyOnWriteArrayList<>();
        var sub = redis.pubsub(String.class).subscribe("sh:events", events::add);
        try {
            String festival = ConfigMapFolder.examples().get("festival.yaml");
            String commit = GitRepoResource.commit(Map.of("festival.yaml", festival.replace("enabled: true", "enabled: false")),
                    "festival: P2P off (kill switch)");
            long t0 = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).until(() -> commit.equals(revision()));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(config("festival").contains("\"enabled\":false"));
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e ->
                    e.contains("config.changed") && e.contains("festival") && e.contains(commit)));
            given().get("/api/apps/festival/rooms/main/playback").then().body("p2p.enabled", equalTo(false));
            System.out.printf("commit %s reached Redis in %d ms (poll interval 1 s)%n", commit.substring(0, 8), ms);
        } finally {
            sub.unsubscribe();
        }
    }

    @Test
    @Order(2)
    void anInvalidCommitIsRejectedWhileThePreviousConfigKeepsServing() {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/status").jsonPath().getInt("apps") == ConfigMapFolder.exampleCount());
        String goodRevision = revision();
        String shopBefore = config("shop");
        String shop = ConfigMapFolder.examples().get("shop.yaml");
        String bad = GitRepoResource.commit(Map.of("shop.yaml", shop.replace("signed: true", "signed: true\n  p2p:\n    enabled: true")),
                "shop: try P2P with signed playback");
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> given().get("/api/status").then()
                .body("rejectedRevision", equalTo(bad))
                .body("problems.text", hasItem(containsString("shop.yaml:15: distribution.p2p.enabled: P2P needs mode p2p or hybrid"))));
        assertEquals(goodRevision, revision(), "the last good revision stays live");
        assertEquals(shopBefore, config("shop"));
        given().get("/api/apps/shop").then().statusCode(200).body("distribution.p2p.enabled", equalTo(false));

        String fixed = GitRepoResource.commit(Map.of("shop.yaml", shop.replace("list_size: 6", "list_size: 8")), "shop: revert, longer list");
        await().atMost(Duration.ofSeconds(5)).until(() -> fixed.equals(revision()));
        assertTrue(config("shop").contains("\"list_size\":8"));
        given().get("/api/status").then().body("problems.size()", equalTo(0));
    }

    @Test
    @Order(3)
    void redisThatLostEverythingHasTheLiveConfigBackWithinTwoPolls() {
        await().atMost(Duration.ofSeconds(15)).until(() -> given().get("/api/status").jsonPath().getInt("apps") == ConfigMapFolder.exampleCount());
        String live = revision();
        String shop = config("shop");
        List<String> events = new CopyOnWriteArrayList<>();
        var sub = redis.pubsub(String.class).subscribe("sh:events", events::add);
        try {
            // A Redis restart without persistence: no new commit, nothing else changes.
            redis.flushall();
            long t0 = System.nanoTime();
            await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> live.equals(revision()) && shop.equals(config("shop")) && config("festival") != null);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            String index = redis.value(String.class).get("sh:apps");
            assertTrue(index != null && index.contains("\"shop\"") && index.contains(live), index);
            // Readers that cached "missing" are told to look again.
            await().atMost(Duration.ofSeconds(5)).until(() -> events.stream().anyMatch(e -> e.contains("config.changed") && e.contains("\"shop\"")));
            System.out.printf("after FLUSHALL the live config was back in Redis in %d ms (poll interval 1 s)%n", ms);
        } finally {
            sub.unsubscribe();
        }
    }

    @Test
    @Order(4)
    void aHandEditedConfigIsWrittenBackAndAConfigOfNoAppIsRemoved() {
        await().atMost(Duration.ofSeconds(15)).until(() -> config("shop") != null);
        String shop = config("shop");
        redis.value(String.class).set("sh:config:shop", shop.replace("\"list_size\":8", "\"list_size\":99"));
        redis.value(String.class).set("sh:config:ghost", shop.replace("\"shop\"", "\"ghost\""));
        await().atMost(Duration.ofSeconds(5)).until(() -> shop.equals(config("shop")) && config("ghost") == null);
    }
}
