package io.streamhub.tracker.ws;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Locality over real WebSockets: viewers connect from several addresses of 127.0.0.0/8 (all local),
 * so the tracker sees several /24 networks; some name a zone in the upgrade's header, one forges a
 * forwarding header.
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class LocalityWireTest {

    static final String HASH = "locality-hash-000001";
    static final String PATH = "/announce/near/live";

    @Inject
    AnnounceServer tracker;

    @Inject
    Redis redis;

    static double offers(String match) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^streamhub_tracker_offers_locality_total\\{match=\"" + match + "\"} (\\S+)$").matcher(body);
        assertTrue(m.find(), "streamhub_tracker_offers_locality_total{match=\"" + match + "\"} is exported");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void offersGoToViewersOfTheSameNetworkThenOfTheSameZone() throws Exception {
        AppConfigs.put(redis, "near", true);
        List<TestPeer> netA = new ArrayList<>();
        List<TestPeer> netB = new ArrayList<>();
        List<TestPeer> all = new ArrayList<>();
        try {
            for (int i = 1; i <= 4; i++) {
                netA.add(TestPeer.connectFrom(tracker, PATH, TestPeer.id("near-a" + i), "127.0.1." + i));
                // Two of 127.0.2.0/24 are in zone eu-west, as a CDN or load balancer would say.
                netB.add(i <= 2
                        ? TestPeer.connectFrom(tracker, PATH, TestPeer.id("near-b" + i), "127.0.2." + i, "X-Viewer-Zone", "eu-west")
                        : TestPeer.connectFrom(tracker, PATH, TestPeer.id("near-b" + i), "127.0.2." + i, "X-Viewer-Zone", "bad zone!"));
            }
            TestPeer alone = TestPeer.connectFrom(tracker, PATH, TestPeer.id("near-alone"), "127.0.3.1", "X-Viewer-Zone", "eu-west");
            // Claims to be in a1's network, but no proxy is trusted here: it is where it connects from.
            TestPeer proxied = TestPeer.connectFrom(tracker, PATH, TestPeer.id("near-proxied"), "127.0.4.9", "X-Forwarded-For", "127.0.1.7");
            all.addAll(netA);
            all.addAll(netB);
            all.add(alone);
            all.add(proxied);
            for (TestPeer p : all) {
                p.announce(HASH, 0);
            }
            double prefixBefore = offers("prefix");
            double zoneBefore = offers("zone");

            TestPeer a1 = netA.get(0);
            a1.announce(HASH, 3);
            for (TestPeer p : netA.subList(1, 4)) {
                assertEquals(a1.peerId, p.next().getString("peer_id"), "an offer to a viewer of a1's network");
            }
            alone.announce(HASH, 2);
            for (TestPeer p : netB.subList(0, 2)) {
                assertEquals(alone.peerId, p.next().getString("peer_id"), "an offer to a viewer of the same zone");
            }
            for (TestPeer p : all) {
                assertNull(p.poll(p == alone || p == a1 ? 0 : 150), () -> p.peerId + " got an offer meant for a nearer viewer");
            }
            assertEquals(prefixBefore + 3, offers("prefix"));
            assertEquals(zoneBefore + 2, offers("zone"));
        } finally {
            all.forEach(TestPeer::close);
        }
    }
}
