package io.streamhub.viewing.play;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.streamhub.shared.NodeRecord;
import io.streamhub.shared.RoomRecord;
import io.streamhub.testsupport.RedisTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Playback polled faster than this process's Redis pool can take (one connection, no waiters here):
 * what the pool refuses is a 503 with Retry-After, never a 500, and the rest are answered.
 */
@QuarkusTest
@TestProfile(BusyRedisPoolTest.TinyPool.class)
@WithTestResource(RedisTestResource.class)
@WithTestResource(WebrtcAppsResource.class)
class BusyRedisPoolTest {

    public static class TinyPool implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.max-pool-size", "1", "quarkus.redis.max-pool-waiting", "0");
        }
    }

    @Inject
    RedisDataSource redis;

    @Test
    void aBurstOfPollsPastThePoolGets503sWithRetryAfterAndNo500() throws Exception {
        await().atMost(Duration.ofSeconds(10)).until(() -> given().get("/api/apps/auction").statusCode() == 200);
        redis.hash(String.class).hset("sh:node:lk-1", Map.of(NodeRecord.HLS_URL, "http://10.0.0.5:8080",
                NodeRecord.LIVEKIT_PUBLIC_URL, "wss://lk-1.example.com"));
        redis.hash(String.class).hset("sh:room:auction:busy", Map.of(RoomRecord.APP, "auction", RoomRecord.ROOM, "busy",
                RoomRecord.STATUS, "live", RoomRecord.LIVEKIT_NODE, "lk-1"));
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        AtomicInteger withoutRetryAfter = new AtomicInteger();
        AtomicInteger address = new AtomicInteger();
        ExecutorService pollers = Executors.newFixedThreadPool(16);
        for (int i = 0; i < 320; i++) {
            pollers.submit(() -> {
                Response r = given().header("X-Forwarded-For", "198.51.100." + address.incrementAndGet() % 250)
                        .get("/api/apps/auction/rooms/busy/playback");
                statuses.computeIfAbsent(r.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                if (r.statusCode() == 503 && !"1".equals(r.header("Retry-After"))) {
                    withoutRetryAfter.incrementAndGet();
                }
            });
        }
        pollers.shutdown();
        assertTrue(pollers.awaitTermination(60, TimeUnit.SECONDS));
        assertTrue(statuses.keySet().stream().allMatch(s -> s == 200 || s == 503), "only answers or 503s: " + statuses);
        assertTrue(statuses.containsKey(503), "the pool did refuse some: " + statuses);
        assertTrue(statuses.containsKey(200), "and the rest were answered: " + statuses);
        assertEquals(0, withoutRetryAfter.get(), "every 503 says when to retry");
    }
}
