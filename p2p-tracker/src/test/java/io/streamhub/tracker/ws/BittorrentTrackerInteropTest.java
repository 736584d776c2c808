package io.streamhub.tracker.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/**
 * Interoperability with the reference client: two npm {@code bittorrent-tracker} Clients (WebRTC
 * through node-datachannel, loopback only) find each other through our tracker, complete the
 * offer/answer exchange, open a data channel and greet each other; scrape and the kill switch are
 * seen the way the client reports them.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class BittorrentTrackerInteropTest {

    static final String INFO_HASH = "d2474e86c95b19b8bcfdb92bc12c9d44667cfa36";
    static final String PEER_A = "2d5757303030312d" + "a1".repeat(12);
    static final String PEER_B = "2d5757303030312d" + "b2".repeat(12);

    @Inject
    AnnounceServer tracker;

    @Inject
    Redis redis;

    @Test
    void twoReferenceClientsConnectOverWebRtcThroughOurTracker() throws Exception {
        AppConfigs.put(redis, "interop", true);
        String announce = "ws://127.0.0.1:" + tracker.port() + "/announce/interop/lecture";
        try (NodeClient a = new NodeClient(announce, INFO_HASH, PEER_A);
             NodeClient b = new NodeClient(announce, INFO_HASH, PEER_B)) {
            // About 14 s on a quiet machine; WebRTC's own timers stretch under load, so the ceiling is wide,
            // and a timeout shows what each client saw.
            try {
                Awaitility.await("data channel both ways").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200))
                        .until(() -> a.saw("DATA hello from " + PEER_B) && b.saw("DATA hello from " + PEER_A));
            } catch (ConditionTimeoutException e) {
                fail("no data channel both ways within 90 s; client A saw:\n" + a + "\n-- client B saw:\n" + b, e);
            }
            assertTrue(a.saw("PEER " + PEER_B) && b.saw("PEER " + PEER_A), () -> a + "\n--\n" + b);
            assertTrue(a.saw("UPDATE 0 ") && b.saw("UPDATE 0 "), "announce replies reach the client's update event");
            assertTrue(a.lines.stream().noneMatch(l -> l.startsWith("ERROR")), a::toString);

            a.command("scrape");
            Awaitility.await("scrape").atMost(Duration.ofSeconds(10)).until(() -> a.saw("SCRAPE 0 2"));

            AppConfigs.put(redis, "interop", false);
            Awaitility.await("kill switch seen by the client").atMost(Duration.ofSeconds(10))
                    .until(() -> a.saw("WARNING p2p is disabled for app interop") && b.saw("WARNING p2p is disabled for app interop"));
        }
    }
}
