package io.streamhub.tracker.ws;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.streamhub.testsupport.RedisTestResource;
import io.streamhub.tracker.core.AddressLimits;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Per-address limits with real clients on distinct loopback addresses (all of 127.0.0.0/8 is local),
 * and through 127.0.9.0/24 standing in for a trusted ingress: at most 3 connections an address, 8 in
 * all, and a shared announce budget of 4 (then one every 2 s) per address.
 */
@QuarkusTest
@TestProfile(AddressLimitsTest.SmallCaps.class)
@QuarkusTestResource(RedisTestResource.class)
class AddressLimitsTest {

    public static class SmallCaps implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("tracker.max-connections", "8", "tracker.per-address.max-connections", "3",
                    "tracker.per-address.announces-per-second", "0.5", "tracker.per-address.announce-burst", "4",
                    "tracker.trusted-proxies", "127.0.9.0/24");
        }
    }

    static final String PATH = "/announce/limits/room";
    static final String HASH = "limits-hash-00000001";

    @Inject
    AnnounceServer tracker;

    @Inject
    AddressLimits limits;

    @Inject
    Redis redis;

    final List<TestPeer> open = new ArrayList<>();

    @BeforeEach
    void app() {
        AppConfigs.put(redis, "limits", true);
    }

    @AfterEach
    void closeAllAndCheckNothingIsLeft() {
        open.forEach(TestPeer::close);
        // Entries vanish with their last connection: nothing is kept for an address that left.
        Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> limits.connections() == 0 && limits.addresses() == 0);
    }

    TestPeer from(String address, String... headers) {
        TestPeer p = TestPeer.connectFrom(tracker, PATH, TestPeer.id("p" + open.size() + "-" + address), address, headers);
        open.add(p);
        assertTrue(limits.addresses() <= limits.connections(), "never more addresses than connections");
        return p;
    }

    static double refusals(String reason) {
        String body = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Matcher m = Pattern.compile("(?m)^streamhub_tracker_refusals_total\\{reason=\"" + reason + "\"} (\\S+)$").matcher(body);
        assertTrue(m.find(), reason + " is exported");
        return Double.parseDouble(m.group(1));
    }

    @Test
    void anAddressThatFilledItsCapIsRefusedWhileAnotherStillConnects() {
        double before = refusals("address_limit");
        for (int i = 0; i < 3; i++) {
            from("127.0.5.1");
        }
        assertEquals(429, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.5.1"));
        assertEquals(101, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.5.2"));
        assertEquals(before + 1, refusals("address_limit"));
    }

    @Test
    void aForgedForwardingHeaderFromAnUntrustedPeerDoesNotDodgeTheCap() {
        for (int i = 0; i < 3; i++) {
            from("127.0.5.3", "X-Forwarded-For", "198.51.100." + i);
        }
        assertEquals(429, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.5.3", "X-Forwarded-For", "198.51.100.99"));
        assertEquals(429, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.5.3", "Forwarded", "for=198.51.100.98"));
    }

    @Test
    void viewersBehindATrustedProxyAreCountedApart() {
        // What each viewer wrote itself (left of what the proxy appended) changes nothing.
        for (int i = 0; i < 3; i++) {
            from("127.0.9.1", "X-Forwarded-For", "203.0.113." + i + ", 198.51.100.1");
        }
        assertEquals(429, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.9.2", "X-Forwarded-For", "198.51.100.1"));
        assertEquals(101, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.9.1", "X-Forwarded-For", "198.51.100.2"));
        assertEquals(101, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.9.1", "X-Forwarded-For", "198.51.100.3"));
    }

    @Test
    void atTheCapANewAddressTakesThePlaceOfTheBiggestHoldersOldestConnection() throws Exception {
        double evictedBefore = refusals("evicted");
        double fullBefore = refusals("connection_limit");
        List<TestPeer> a = List.of(from("127.0.6.1"), from("127.0.6.1"), from("127.0.6.1"));
        List<TestPeer> b = List.of(from("127.0.6.2"), from("127.0.6.2"), from("127.0.6.2"));
        List<TestPeer> c = List.of(from("127.0.6.3"), from("127.0.6.3"));
        // Full (8). A new address: 4 addresses share 8, and A and B hold 3, over their share of 2.
        from("127.0.6.4");
        Object code = CompletableFuture.anyOf(a.get(0).closed, b.get(0).closed).get(5, TimeUnit.SECONDS);
        assertEquals((short) 1013, code, "closed with 'try again later'");
        Thread.sleep(200); // a second eviction would have arrived by now
        long closed = List.of(a, b, c).stream().flatMap(List::stream).filter(p -> p.closed.isDone()).count();
        assertEquals(1, closed, "exactly one connection, the oldest of its address, was closed");
        assertEquals(8, limits.connections());
        // An address that already holds connections gains nothing at the cap.
        assertEquals(503, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.6.3"));
        assertEquals(evictedBefore + 1, refusals("evicted"));
        assertEquals(fullBefore + 1, refusals("connection_limit"));
    }

    @Test
    void atTheCapWithNobodyOverTheirShareANewAddressIsRefused() {
        for (int i = 1; i <= 8; i++) {
            from("127.0.8." + i);
        }
        assertEquals(503, TestPeer.upgradeStatusFrom(tracker, PATH, "127.0.8.9"));
        assertTrue(open.stream().noneMatch(p -> p.closed.isDone()), "nobody was evicted");
    }

    @Test
    void announcesAreCappedPerAddressAcrossItsConnections() {
        double before = refusals("address_rate_limited");
        TestPeer p1 = from("127.0.7.1");
        TestPeer p2 = from("127.0.7.1");
        int refused = 0;
        for (int i = 0; i < 3; i++) {
            for (TestPeer p : List.of(p1, p2)) {
                if (p.announce(HASH, 0).getString("failure reason", "").contains("from this address")) {
                    refused++;
                }
            }
        }
        // 6 announces against a budget of 4 (each connection alone may send 20).
        assertTrue(refused >= 1 && refused <= 2, "refused " + refused);
        assertFalse(from("127.0.7.2").announce(HASH, 0).containsKey("failure reason"), "another address has its own budget");
        assertEquals(before + refused, refusals("address_rate_limited"));
    }
}
