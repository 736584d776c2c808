package io.streamhub.tracker.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestParserTest {

    static final String HASH = "\u0000\u0001\u00ff\u0080abcdefghijklmnop";
    static final String PEER = "-WW0001-\u00e9\u00e8\u0010123456789";

    private final RequestParser parser = new RequestParser(10, 5);

    /** Frames arrive as UTF-8 bytes; the tests write them as text. */
    TrackerRequest parse(String frame) throws ProtocolException {
        return parser.parse(frame.getBytes(StandardCharsets.UTF_8));
    }

    static JsonObject announce() {
        return new JsonObject().put("action", "announce").put("info_hash", HASH).put("peer_id", PEER)
                .put("numwant", 5).put("uploaded", 0).put("downloaded", 0).put("left", 100).put("event", "started");
    }

    static JsonObject offer(int i) {
        return new JsonObject().put("offer", new JsonObject().put("type", "offer").put("sdp", "v=0\r\no=- " + i + "\r\n"))
                .put("offer_id", String.format("offer-%014d", i));
    }

    @Test
    void readsAnAnnounceWithBinaryIdsAndKeepsOfferJsonVerbatim() throws Exception {
        String frame = announce().put("offers", new JsonArray().add(offer(1)).add(offer(2))).encode();
        TrackerRequest r = parse(frame);
        assertEquals(Action.ANNOUNCE, r.action());
        assertEquals(HASH, r.infoHash());
        assertEquals(PEER, r.peerId());
        assertEquals(AnnounceEvent.STARTED, r.event());
        assertFalse(r.seeder());
        assertEquals(2, r.offers().size());
        assertEquals(offer(2).getJsonObject("offer"), new JsonObject(r.offers().get(1).offer().text()));
        assertTrue(frame.contains(r.offers().get(0).offer().text()), "the raw text is a slice of the frame");
    }

    @Test
    void readsAnAnswer() throws Exception {
        String frame = new JsonObject().put("action", "announce").put("info_hash", HASH).put("peer_id", PEER)
                .put("to_peer_id", HASH).put("offer_id", PEER)
                .put("answer", new JsonObject().put("type", "answer").put("sdp", "x")).encode();
        TrackerRequest r = parse(frame);
        assertTrue(r.isAnswer());
        assertEquals(HASH, r.toPeerId());
        assertEquals("{\"type\":\"answer\",\"sdp\":\"x\"}", r.answer().text());
    }

    @Test
    void capsOffersButStillRequiresValidJson() throws Exception {
        JsonArray offers = new JsonArray();
        for (int i = 0; i < 100; i++) {
            offers.add(offer(i));
        }
        TrackerRequest r = parse(announce().put("offers", offers).encode());
        assertEquals(10, r.offers().size());
        assertThrows(ProtocolException.class, () -> parse(announce().put("offers", offers).encode().replace("offer-00000000000099\"}", "offer-00000000000099\"")));
    }

    @Test
    void leftZeroMeansSeeder() throws Exception {
        assertTrue(parse(announce().put("left", 0).encode()).seeder());
    }

    @Test
    void scrapeTakesOneOrSeveralHashesButNeverNone() throws Exception {
        assertEquals(1, parse(new JsonObject().put("action", "scrape").put("info_hash", HASH).encode()).infoHashes().size());
        assertEquals(2, parse(new JsonObject().put("action", "scrape").put("info_hash", new JsonArray().add(HASH).add(PEER)).encode()).infoHashes().size());
        ProtocolException e = assertThrows(ProtocolException.class, () -> parse("{\"action\":\"scrape\"}"));
        assertTrue(e.getMessage().contains("full scrapes"));
        JsonArray many = new JsonArray();
        for (int i = 0; i < 6; i++) {
            many.add(HASH);
        }
        assertThrows(ProtocolException.class, () -> parse(new JsonObject().put("action", "scrape").put("info_hash", many).encode()));
    }

    @Test
    void refusesWhatIsNotTheProtocol() {
        assertReason("malformed JSON", "{\"action\":");
        assertReason("malformed JSON", "not json");
        assertReason("expected a JSON object", "[1,2]");
        assertReason("trailing data", "{\"action\":\"announce\"} {}");
        assertReason("unknown action", "{\"action\":\"delete\"}");
        assertReason("missing action", "{}");
        assertReason("info_hash must be 20 bytes", announce().put("info_hash", "short").encode());
        assertReason("info_hash must be 20 bytes", announce().put("info_hash", "\u0100" + HASH.substring(1)).encode());
        assertReason("info_hash must be a string", announce().put("info_hash", 42).encode());
        assertReason("peer_id must be a string", announce().put("peer_id", new JsonObject()).encode());
        assertReason("offers must be an array", announce().put("offers", "x").encode());
        assertReason("each offer needs offer and offer_id", announce().put("offers", new JsonArray().add(new JsonObject().put("offer_id", HASH))).encode());
        assertReason("offer must be an object", announce().put("offers", new JsonArray().add(new JsonObject().put("offer_id", HASH).put("offer", "sdp"))).encode());
        assertReason("event must be", announce().put("event", "paused").encode());
        assertReason("left must be a number", announce().put("left", "0").encode());
        assertReason("announce needs peer_id", announce().putNull("peer_id").encode().replace(",\"peer_id\":null", ""));
        assertReason("an answer needs to_peer_id", announce().put("answer", new JsonObject()).encode());
    }

    @Test
    void failureKeepsTheActionAndValidHashForTheClient() {
        ProtocolException e = assertThrows(ProtocolException.class, () -> parse(announce().put("peer_id", "x").encode()));
        assertEquals(Action.ANNOUNCE, e.action());
        assertEquals(HASH, e.infoHash());
        ProtocolException early = assertThrows(ProtocolException.class, () -> parse("{\"info_hash\":\"x\",\"action\":\"announce\"}"));
        assertNull(early.infoHash());
    }

    @Test
    void deepNestingIsRefused() {
        String deep = "{\"action\":\"announce\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThrows(ProtocolException.class, () -> parse(deep));
    }

    private void assertReason(String expected, String frame) {
        ProtocolException e = assertThrows(ProtocolException.class, () -> parse(frame), frame);
        assertTrue(e.getMessage().contains(expected), () -> "'" + e.getMessage() + "' should contain '" + expected + "'");
    }
}
