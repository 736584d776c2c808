package io.streamhub.tracker.ws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import io.streamhub.tracker.core.IdleSweeper;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** Per-app policy from the app config in a real Redis: kill switch, Origin allow-list; and expiry. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TrackerPolicyTest {

    static final String HASH = TrackerWireTest.HASH;

    @Inject
    AnnounceServer tracker;

    @Inject
    Redis redis;

    @Inject
    IdleSweeper sweeper;

    @Test
    void theKillSwitchClosesSwarmsWithinSecondsAndReenablingRestoresService() {
        AppConfigs.put(redis, "switch", true);
        try (TestPeer a = TestPeer.connect(tracker, "switch", "live", TestPeer.id("sw-a"));
             TestPeer b = TestPeer.connect(tracker, "switch", "live", TestPeer.id("sw-b"))) {
            a.announce(HASH, 0);
            assertEquals(2, b.announce(HASH, 0).getInteger("incomplete"));

            AppConfigs.put(redis, "switch", false);
            for (TestPeer p : new TestPeer[] {a, b}) {
                JsonObject failure = p.next();
                assertEquals("p2p is disabled for app switch", failure.getString("failure reason"));
                assertEquals(HASH, failure.getString("info_hash"));
                assertEquals((short) 1008, p.awaitClose());
            }
        }
        try (TestPeer late = TestPeer.connect(tracker, "switch", "live", TestPeer.id("sw-late"))) {
            assertTrue(late.announce(HASH, 0).getString("failure reason").contains("disabled"));
            late.awaitClose();
        }
        AppConfigs.put(redis, "switch", true);
        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            try (TestPeer back = TestPeer.connect(tracker, "switch", "live", TestPeer.id("sw-back"))) {
                assertFalse(back.announce(HASH, 0).containsKey("failure reason"));
            }
        });
    }

    @Test
    void theKillSwitchHoldsWithoutTheEventThroughThePeriodicRecheck() {
        AppConfigs.put(redis, "quiet", true);
        try (TestPeer a = TestPeer.connect(tracker, "quiet", "live", TestPeer.id("q-a"))) {
            a.announce(HASH, 0);
            // Config changes with no config.changed event (as if the event were lost).
            AppConfigs.putSilently(redis, "quiet", false);
            assertEquals("p2p is disabled for app quiet", a.next().getString("failure reason"));
            a.awaitClose();
        }
    }

    @Test
    void aConfigInANewerWireFormatKeepsTheLastPolicyAndNeverReadsAsUnknownOrDisabled() {
        AppConfigs.put(redis, "upgrading", true);
        try (TestPeer a = TestPeer.connect(tracker, "upgrading", "live", TestPeer.id("up-a"))) {
            a.announce(HASH, 0);
            // config-service was upgraded first; its JSON says "enabled: false" in a format we do not know.
            AppConfigs.putNewerVersion(redis, "upgrading");
            // The event made the tracker re-read it; keep announcing past that: P2P stays on.
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(400))
                    .until(() -> !a.announce(HASH, 0).containsKey("failure reason"));
            try (TestPeer late = TestPeer.connect(tracker, "upgrading", "live", TestPeer.id("up-late"))) {
                assertFalse(late.announce(HASH, 0).containsKey("failure reason"), "a newcomer gets the last known policy");
            }
        }
        // An app this tracker never knew, seen only in the newer format: not "unknown" (404), but "retry" (503).
        AppConfigs.putNewerVersion(redis, "born-newer");
        assertEquals(503, TestPeer.upgradeStatus(tracker, "/announce/born-newer/room"));
        assertEquals(404, TestPeer.upgradeStatus(tracker, "/announce/never-configured/room"));
    }

    @Test
    void redisLosingItsDataLeavesP2pOnAndOnlyTheAppIndexRemovesAnApp() {
        AppConfigs.put(redis, "flushed", true);
        try (TestPeer a = TestPeer.connect(tracker, "flushed", "live", TestPeer.id("fl-a"))) {
            a.announce(HASH, 0);
            AppConfigs.flushAll(redis);
            AppConfigs.announce(redis, "flushed"); // the tracker looks again and finds nothing: not "disabled"
            Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(400))
                    .until(() -> !a.announce(HASH, 0).containsKey("failure reason"));
            try (TestPeer late = TestPeer.connect(tracker, "flushed", "live", TestPeer.id("fl-late"))) {
                assertFalse(late.announce(HASH, 0).containsKey("failure reason"), "a newcomer gets the last known policy");
            }
            // An app this tracker never saw, while Redis holds nothing: not ready for it ("retry"), never "unknown".
            assertEquals(503, TestPeer.upgradeStatus(tracker, "/announce/arrived-after-flush/room"));
        }
        // config-service has written everything again; then the app is removed for real.
        AppConfigs.put(redis, "flushed", true);
        AppConfigs.delete(redis, "flushed");
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> TestPeer.upgradeStatus(tracker, "/announce/flushed/room") == 404);
        assertEquals(404, TestPeer.upgradeStatus(tracker, "/announce/arrived-after-flush/room"));
    }

    @Test
    void theOriginAllowListAdmitsOnlyListedPages() {
        AppConfigs.put(redis, "strict", true, "https://good.example.com");
        try (TestPeer good = TestPeer.connect(tracker, "strict", "live", TestPeer.id("good"), "https://GOOD.example.com");
             TestPeer bad = TestPeer.connect(tracker, "strict", "live", TestPeer.id("bad"), "https://evil.example.com");
             TestPeer none = TestPeer.connect(tracker, "strict", "live", TestPeer.id("none"))) {
            assertFalse(good.announce(HASH, 0).containsKey("failure reason"));
            assertEquals("origin not allowed for app strict", bad.announce(HASH, 0).getString("failure reason"));
            bad.awaitClose();
            assertTrue(none.announce(HASH, 0).containsKey("failure reason"), "no Origin is not a listed Origin");
        }
    }

    @Test
    void silentPeersAndConnectionsExpire() {
        AppConfigs.put(redis, "idle", true);
        try (TestPeer quiet = TestPeer.connect(tracker, "idle", "live", TestPeer.id("quiet"));
             TestPeer observer = TestPeer.connect(tracker, "idle", "live", TestPeer.id("observer"))) {
            quiet.announce(HASH, 0);
            assertEquals(2, observer.announce(HASH, 0).getInteger("incomplete"));
            // Ten minutes later neither has said anything: both are dropped.
            sweeper.sweep(System.currentTimeMillis() + Duration.ofMinutes(10).toMillis());
            assertEquals((short) 1001, quiet.awaitClose());
            observer.awaitClose();
        }
        try (TestPeer fresh = TestPeer.connect(tracker, "idle", "live", TestPeer.id("fresh"))) {
            assertEquals(1, fresh.announce(HASH, 0).getInteger("incomplete"), "expired peers left the swarm");
        }
    }

    @Test
    void metricsCountWhatHappened() {
        AppConfigs.put(redis, "metered", true);
        try (TestPeer a = TestPeer.connect(tracker, "metered", "live", TestPeer.id("m-a"));
             TestPeer b = TestPeer.connect(tracker, "metered", "live", TestPeer.id("m-b"))) {
            a.announce(HASH, 0);
            b.announce(HASH, 1);
            a.next();
            a.send("{oops");
            a.next();
            given().get("/q/metrics").then().statusCode(200)
                    .body(containsString("streamhub_tracker_connections"))
                    .body(containsString("streamhub_tracker_peers"))
                    .body(containsString("streamhub_tracker_swarms"))
                    .body(containsString("streamhub_tracker_offers_relayed_total"))
                    .body(containsString("streamhub_tracker_refusals_total{reason=\"malformed\"}"));
        }
        given().get("/q/health/ready").then().statusCode(200).body("checks[0].data.redis", org.hamcrest.Matchers.equalTo("up"));
    }
}
