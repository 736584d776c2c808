package io.streamhub.tracker.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RepliesTest {

    static final String HASH = RequestParserTest.HASH;
    static final String PEER = RequestParserTest.PEER;

    @Test
    void binaryIdsRoundTripThroughJson() {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 256; c++) {
            all.append(c);
        }
        String quoted = Replies.quote(all.toString());
        assertEquals(all.toString(), new JsonObject("{\"x\":" + quoted + "}").getString("x"));
    }

    @Test
    void announceReplyHasWhatTheClientReads() {
        JsonObject r = new JsonObject(Replies.announce(Replies.quote(HASH), 120, 3, 7));
        assertEquals("announce", r.getString("action"));
        assertEquals(HASH, r.getString("info_hash"));
        assertEquals(120, r.getInteger("interval"));
        assertEquals(3, r.getInteger("complete"));
        assertEquals(7, r.getInteger("incomplete"));
    }

    @Test
    void offerAndAnswerCarryTheSdpUntouched() {
        String sdp = "{\"type\":\"offer\",\"sdp\":\"v=0\\r\\n\u00e9\"}";
        // The SDP sits inside a larger frame, as it does when it is cut out of a received announce.
        byte[] frame = ("[" + sdp + "]").getBytes(StandardCharsets.UTF_8);
        RawJson raw = new RawJson(frame, 1, frame.length - 2);
        JsonObject o = new JsonObject(new String(Replies.offer(raw, PEER, Replies.quoteUtf8(PEER), Replies.quoteUtf8(HASH)), StandardCharsets.UTF_8));
        assertEquals(new JsonObject(sdp), o.getJsonObject("offer"));
        assertEquals(PEER, o.getString("offer_id"));
        assertEquals(PEER, o.getString("peer_id"));
        assertEquals(HASH, o.getString("info_hash"));
        JsonObject a = new JsonObject(new String(Replies.answer(raw, HASH, Replies.quoteUtf8(PEER), Replies.quoteUtf8(HASH)), StandardCharsets.UTF_8));
        assertEquals(new JsonObject(sdp), a.getJsonObject("answer"));
        assertEquals(HASH, a.getString("offer_id"));
    }

    @Test
    void failureNamesActionAndHashOnlyWhenKnown() {
        JsonObject f = new JsonObject(Replies.failure("no \"way\"", Action.ANNOUNCE, HASH));
        assertEquals("no \"way\"", f.getString("failure reason"));
        assertEquals("announce", f.getString("action"));
        assertEquals(HASH, f.getString("info_hash"));
        JsonObject bare = new JsonObject(Replies.failure("bad", null, null));
        assertFalse(bare.containsKey("action"));
        assertFalse(bare.containsKey("info_hash"));
    }

    @Test
    void scrapeListsEachHash() {
        JsonObject s = new JsonObject(Replies.scrape(new String[] {Replies.quote(HASH), Replies.quote(PEER)}, new int[][] {{1, 2, 3}, {0, 0, 0}}));
        assertEquals("scrape", s.getString("action"));
        assertEquals(2, s.getJsonObject("files").getJsonObject(HASH).getInteger("incomplete"));
        assertEquals(3, s.getJsonObject("files").getJsonObject(HASH).getInteger("downloaded"));
        assertEquals(0, s.getJsonObject("files").getJsonObject(PEER).getInteger("complete"));
    }
}
