package io.streamhub.tracker.ws;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The protocol over real WebSockets against the running tracker, with app configs in a real Redis. */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TrackerWireTest {

    static final String HASH = "\u00ff\u0000\u0080info-hash-00001\u0001\u00e9";
    static final String OTHER_HASH = "\u00feother-hash-00000001";

    @Inject
    AnnounceServer tracker;

    @Inject
    Redis redis;

    @BeforeEach
    void apps() {
        AppConfigs.put(redis, "wire", true);
    }

    @Test
    void twoPeersMeetAndCompleteAnOfferAnswerExchange() {
        try (TestPeer a = TestPeer.connect(tracker, "wire", "meet", TestPeer.id("alice"));
             TestPeer b = TestPeer.connect(tracker, "wire", "meet", TestPeer.id("bob"))) {
            JsonObject first = a.announce(HASH, 0);
            assertEquals("announce", first.getString("action"));
            assertEquals(HASH, first.getString("info_hash"));
            assertEquals(120, first.getInteger("interval"));
            assertEquals(1, first.getInteger("incomplete"));

            JsonObject second = b.announce(HASH, 1);
            assertEquals(2, second.getInteger("incomplete"));

            JsonObject offer = a.next();
            assertEquals("announce", offer.getString("action"));
            assertEquals(b.peerId, offer.getString("peer_id"));
            assertEquals(HASH, offer.getString("info_hash"));
            assertEquals("v=0 " + b.peerId + " 0", offer.getJsonObject("offer").getString("sdp"));

            a.send(new JsonObject().put("action", "announce").put("info_hash", HASH).put("peer_id", a.peerId)
                    .put("to_peer_id", b.peerId).put("offer_id", offer.getString("offer_id"))
                    .put("answer", new JsonObject().put("type", "answer").put("sdp", "answer-sdp")));
            JsonObject answer = b.next();
            assertEquals(a.peerId, answer.getString("peer_id"));
            assertEquals(offer.getString("offer_id"), answer.getString("offer_id"));
            assertEquals("answer-sdp", answer.getJsonObject("answer").getString("sdp"));
        }
    }

    @Test
    void answersOnlyTravelForOffersReallyRelayed() throws Exception {
        try (TestPeer a = TestPeer.connect(tracker, "wire", "answers", TestPeer.id("a1"));
             TestPeer b = TestPeer.connect(tracker, "wire", "answers", TestPeer.id("b1"));
             TestPeer c = TestPeer.connect(tracker, "wire", "answers", TestPeer.id("c1"))) {
            a.announce(HASH, 0);
            c.announce(HASH, 0);
            b.announce(HASH, 0);
            // An answer to a peer that never offered, to an unknown peer, and for an unknown offer.
            assertFailure(c.peerId, a, answer(a, b.peerId, TestPeer.id("no-such-offer")), "no such offer");
            assertFailure(null, a, answer(a, TestPeer.id("ghost"), TestPeer.id("x")), "no such offer");
            // c's offer goes to a or b; the other one may not answer it, the receiver may once.
            c.send(c.announceFrame(HASH, 1));
            c.next();
            JsonObject atA = a.poll(1000);
            TestPeer receiver = atA != null ? a : b;
            JsonObject offer = atA != null ? atA : b.next();
            TestPeer bystander = receiver == a ? b : a;
            assertFailure(null, bystander, answer(bystander, c.peerId, offer.getString("offer_id")), "no such offer");
            receiver.send(answer(receiver, c.peerId, offer.getString("offer_id")));
            assertEquals(receiver.peerId, c.next().getString("peer_id"));
            assertFailure(null, receiver, answer(receiver, c.peerId, offer.getString("offer_id")), "no such offer");
            assertNull(c.poll(300), "a replayed answer is not relayed");
            assertValidAnnounce(a);
        }
    }

    @Test
    void aPeerIdCannotBeTakenOverFromAnotherConnection() {
        try (TestPeer owner = TestPeer.connect(tracker, "wire", "hijack", TestPeer.id("owner"));
             TestPeer thief = TestPeer.connect(tracker, "wire", "hijack", TestPeer.id("owner"))) {
            owner.announce(HASH, 0);
            JsonObject refused = thief.announce(HASH, 0);
            assertTrue(refused.getString("failure reason").contains("in use"), refused.encode());
            // Nor may it answer or stop in the owner's name.
            thief.send(new JsonObject().put("action", "announce").put("info_hash", HASH).put("peer_id", owner.peerId).put("event", "stopped"));
            assertEquals(0, thief.next().getInteger("incomplete"), "stopping a peer it does not own changes nothing for it");
            assertEquals(1, owner.announce(HASH, 0).getInteger("incomplete"), "the owner is still in the swarm");
        }
    }

    @Test
    void hostileFramesGetAFailureReasonAndTheConnectionKeepsWorking() {
        try (TestPeer p = TestPeer.connect(tracker, "wire", "hostile", TestPeer.id("tough"))) {
            String[][] cases = {
                {"{not json", "malformed JSON"},
                {"[]", "JSON object"},
                {"{\"action\":\"announce\",\"info_hash\":42,\"peer_id\":\"" + p.peerId + "\"}", "info_hash must be a string"},
                {"{\"action\":\"announce\",\"info_hash\":\"short\",\"peer_id\":\"" + p.peerId + "\"}", "20 bytes"},
                {"{\"action\":\"announce\",\"info_hash\":\"\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\u0100\",\"peer_id\":\"" + p.peerId + "\"}", "20 bytes"},
                {"{\"action\":\"drop_tables\"}", "unknown action"},
                {"{\"action\":\"announce\",\"info_hash\":\"" + "x".repeat(20) + "\",\"peer_id\":\"" + p.peerId + "\",\"offers\":{}}", "offers must be an array"},
                {"{\"action\":\"scrape\"}", "full scrapes"},
            };
            for (String[] c : cases) {
                p.send(c[0]);
                JsonObject reply = p.next();
                assertTrue(reply.getString("failure reason", "").contains(c[1]), () -> c[0] + " -> " + reply.encode());
                assertValidAnnounce(p);
            }
            p.socket.writeBinaryMessage(io.vertx.core.buffer.Buffer.buffer("binary"));
            assertTrue(p.next().getString("failure reason").contains("binary"));
            assertValidAnnounce(p);
        }
    }

    @Test
    void aOneMebibyteFrameClosesOnlyThatConnection() {
        try (TestPeer big = TestPeer.connect(tracker, "wire", "big", TestPeer.id("big"));
             TestPeer bystander = TestPeer.connect(tracker, "wire", "big", TestPeer.id("calm"))) {
            bystander.announce(HASH, 0);
            big.send("{\"action\":\"announce\",\"pad\":\"" + "x".repeat(1024 * 1024) + "\"}");
            Short code = big.awaitClose();
            assertTrue(code == null || code == 1009, "closed as too big, not read: " + code);
            assertValidAnnounce(bystander);
        }
        try (TestPeer again = TestPeer.connect(tracker, "wire", "big", TestPeer.id("big"))) {
            assertValidAnnounce(again);
        }
    }

    @Test
    void atMostTenOffersAreRelayedFromOneAnnounce() throws Exception {
        TestPeer[] others = new TestPeer[15];
        try (TestPeer flood = TestPeer.connect(tracker, "wire", "flood", TestPeer.id("flood"))) {
            for (int i = 0; i < others.length; i++) {
                others[i] = TestPeer.connect(tracker, "wire", "flood", TestPeer.id("listener" + i));
                others[i].announce(HASH, 0);
            }
            flood.send(flood.announceFrame(HASH, 100));
            assertEquals(16, flood.next().getInteger("incomplete"));
            int relayed = 0;
            Set<String> offerIds = new HashSet<>();
            for (TestPeer o : others) {
                for (JsonObject m = o.poll(300); m != null; m = o.poll(50)) {
                    relayed++;
                    offerIds.add(m.getString("offer_id"));
                }
            }
            assertEquals(10, relayed);
            assertEquals(10, offerIds.size(), "each offer goes to one peer");
            assertValidAnnounce(flood);
        } finally {
            for (TestPeer o : others) {
                if (o != null) {
                    o.close();
                }
            }
        }
    }

    @Test
    void connectCloseStormsLeaveNoPeersBehind() {
        for (int round = 0; round < 5; round++) {
            TestPeer[] peers = new TestPeer[60];
            for (int i = 0; i < peers.length; i++) {
                peers[i] = TestPeer.connect(tracker, "wire", "storm", TestPeer.id("storm" + round + "-" + i));
                peers[i].send(peers[i].announceFrame(HASH, 2));
            }
            for (TestPeer p : peers) {
                p.close();
            }
        }
        try (TestPeer after = TestPeer.connect(tracker, "wire", "storm", TestPeer.id("survivor"))) {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
                    assertEquals(1, after.announce(HASH, 0).getInteger("incomplete"), "closed connections left the swarm"));
        }
    }

    @Test
    void swarmsAreScopedByRoomAndSeveralPerConnectionAreCapped() {
        try (TestPeer a = TestPeer.connect(tracker, "wire", "room-one", TestPeer.id("scoped-a"));
             TestPeer b = TestPeer.connect(tracker, "wire", "room-two", TestPeer.id("scoped-b"))) {
            assertEquals(1, a.announce(HASH, 0).getInteger("incomplete"));
            assertEquals(1, b.announce(HASH, 0).getInteger("incomplete"), "same info_hash, other room: another swarm");
            assertEquals(1, a.announce(OTHER_HASH, 0).getInteger("incomplete"), "a second rendition on one connection");
            for (int i = 2; i < 10; i++) {
                assertNotNull(a.announce(String.format("rendition-%010d", i), 0).getInteger("incomplete"));
            }
            JsonObject eleventh = a.announce("rendition-eleventh!!", 0);
            assertTrue(eleventh.getString("failure reason").contains("too many swarms"), eleventh.encode());
        }
    }

    @Test
    void scrapeCountsSeedersLeechersAndCompletions() {
        try (TestPeer a = TestPeer.connect(tracker, "wire", "scrape", TestPeer.id("scr-a"));
             TestPeer b = TestPeer.connect(tracker, "wire", "scrape", TestPeer.id("scr-b"))) {
            a.announce(HASH, 0);
            b.send(b.announceFrame(HASH, 0).put("event", "completed").put("left", 0));
            assertEquals(1, b.next().getInteger("complete"));
            a.send(new JsonObject().put("action", "scrape").put("info_hash", new io.vertx.core.json.JsonArray().add(HASH).add(OTHER_HASH)));
            JsonObject files = a.next().getJsonObject("files");
            assertEquals(1, files.getJsonObject(HASH).getInteger("complete"));
            assertEquals(1, files.getJsonObject(HASH).getInteger("incomplete"));
            assertEquals(1, files.getJsonObject(HASH).getInteger("downloaded"));
            assertEquals(0, files.getJsonObject(OTHER_HASH).getInteger("incomplete"));
        }
    }

    @Test
    void stoppedLeavesTheSwarm() {
        try (TestPeer a = TestPeer.connect(tracker, "wire", "stop", TestPeer.id("stop-a"));
             TestPeer b = TestPeer.connect(tracker, "wire", "stop", TestPeer.id("stop-b"))) {
            a.announce(HASH, 0);
            assertEquals(2, b.announce(HASH, 0).getInteger("incomplete"));
            a.send(a.announceFrame(HASH, 0).put("event", "stopped"));
            assertEquals(1, a.next().getInteger("incomplete"));
            assertEquals(1, b.announce(HASH, 0).getInteger("incomplete"));
        }
    }

    @Test
    void announcesAreRateLimitedPerConnection() {
        try (TestPeer p = TestPeer.connect(tracker, "wire", "rate", TestPeer.id("eager"))) {
            int refused = 0;
            for (int i = 0; i < 40; i++) {
                p.send(p.announceFrame(HASH, 0));
            }
            for (int i = 0; i < 40; i++) {
                if (p.next().containsKey("failure reason")) {
                    refused++;
                }
            }
            assertTrue(refused >= 15 && refused <= 20, "burst of 20 allowed, then refused: " + refused);
        }
    }

    @Test
    void badPathsAndUnknownAppsAreRefusedAtTheUpgrade() {
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/bad$app/room"));
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/" + "a".repeat(65) + "/room"));
        assertEquals(404, TestPeer.upgradeStatus(tracker, "/announce/no-such-app/room"));
        assertEquals(101, TestPeer.upgradeStatus(tracker, "/announce/wire/room"));
    }

    @Test
    void aShardedRoomIsOneSwarmPerShardAndABadShardIsRefusedNeverANewSwarm() {
        AppConfigs.putSharded(redis, "sharded", 2);
        try (TestPeer a0 = TestPeer.connectTo(tracker, "/announce/sharded/big/0", TestPeer.id("s0-a"), null);
             TestPeer b0 = TestPeer.connectTo(tracker, "/t/3/announce/sharded/big/0", TestPeer.id("s0-b"), null);
             TestPeer a1 = TestPeer.connectTo(tracker, "/announce/sharded/big/1", TestPeer.id("s1-a"), null)) {
            a0.announce(HASH, 0);
            a1.announce(HASH, 0);
            // A pod's routing prefix is accepted and ignored: b0 is in shard 0 with a0, not with a1.
            assertEquals(2, b0.announce(HASH, 0).getInteger("incomplete"));
            assertEquals(1, a1.announce(HASH, 0).getInteger("incomplete"), "the same info_hash in another shard is another swarm");
        }
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/sharded/big"), "a sharded room needs its shard");
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/sharded/big/2"), "out of range");
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/sharded/big/64"));
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/sharded/big/-1"));
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/sharded/big/01x"));
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/sharded/big/1/extra"));
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/t/x/announce/sharded/big/1"));
        // An unsharded app: no shard, or shard 0, is its one swarm; anything else is refused.
        assertEquals(101, TestPeer.upgradeStatus(tracker, "/announce/wire/room/0"));
        assertEquals(400, TestPeer.upgradeStatus(tracker, "/announce/wire/room/1"));
        given().get("/q/metrics").then().body(containsString("streamhub_tracker_refusals_total{reason=\"bad_shard\"}"));
    }

    @Test
    void aCrowdArrivingForANewAppAllGetIn() throws Exception {
        // Written without an event: the first upgrades find the app unknown and must share one read.
        AppConfigs.putSilently(redis, "crowd", true);
        java.util.List<java.util.concurrent.CompletableFuture<Integer>> upgrades = new java.util.ArrayList<>();
        for (int i = 0; i < 300; i++) {
            upgrades.add(TestPeer.upgradeStatusAsync(tracker, "/announce/crowd/room"));
        }
        for (java.util.concurrent.CompletableFuture<Integer> u : upgrades) {
            assertEquals(101, u.get(20, java.util.concurrent.TimeUnit.SECONDS));
        }
    }

    @Test
    void theDeflateExtensionBrowsersOfferIsDeclined() throws Exception {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", tracker.port())) {
            socket.setSoTimeout(5000);
            String upgrade = "GET /announce/wire/deflate HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n\r\n";
            socket.getOutputStream().write(upgrade.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            StringBuilder head = new StringBuilder();
            java.io.InputStream in = socket.getInputStream();
            while (head.indexOf("\r\n\r\n") < 0 && head.length() < 4096) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                head.append((char) b);
            }
            assertTrue(head.toString().startsWith("HTTP/1.1 101"), head.toString());
            assertFalse(head.toString().toLowerCase(java.util.Locale.ROOT).contains("sec-websocket-extensions"),
                    "frames stay uncompressed: " + head);
        }
    }

    static JsonObject answer(TestPeer from, String toPeerId, String offerId) {
        return new JsonObject().put("action", "announce").put("info_hash", HASH).put("peer_id", from.peerId)
                .put("to_peer_id", toPeerId).put("offer_id", offerId)
                .put("answer", new JsonObject().put("type", "answer").put("sdp", "s"));
    }

    static void assertFailure(String unused, TestPeer peer, JsonObject frame, String expected) {
        peer.send(frame);
        JsonObject reply = peer.next();
        assertTrue(reply.getString("failure reason", "").contains(expected), reply.encode());
        assertEquals(HASH, reply.getString("info_hash"), "the client matches failures by info_hash");
    }

    static void assertValidAnnounce(TestPeer p) {
        JsonObject reply = p.announce(HASH, 0);
        assertFalse(reply.containsKey("failure reason"), reply.encode());
        assertEquals("announce", reply.getString("action"));
        assertTrue(reply.getInteger("incomplete") >= 1);
    }
}
