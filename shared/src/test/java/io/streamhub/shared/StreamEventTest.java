package io.streamhub.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StreamEventTest {

    @Test
    void roundTripsThroughJson() {
        StreamEvent e = StreamEvent.originClaimed(new RoomId("shop", "r1"), "node-a");
        assertEquals("{\"type\":\"origin.claimed\",\"app\":\"shop\",\"room\":\"r1\",\"node\":\"node-a\"}", e.toJson());
        assertEquals(e, StreamEvent.fromJson(e.toJson()));
        assertEquals(new RoomId("shop", "r1"), e.roomId());
    }

    @Test
    void ignoresGarbage() {
        assertNull(StreamEvent.fromJson("not json"));
        assertNull(StreamEvent.fromJson("[1,2]"));
        assertNull(StreamEvent.fromJson("{\"type\":5}"));
        assertNull(StreamEvent.fromJson("{\"type\":\"node.down\",\"app\":\"../x\"}").roomId());
    }

    @Test
    void keysFollowTheSchema() {
        RedisKeys keys = new RedisKeys("sh:");
        RoomId room = new RoomId("shop", "r1");
        assertEquals("sh:node:n1", keys.node("n1"));
        assertEquals("sh:origin:shop:r1", keys.origin(room));
        assertEquals("sh:room:shop:r1", keys.room(room));
        assertEquals("sh:lock:egress:shop:r1", keys.egressLock(room));
        assertEquals("sh:config:shop", keys.config("shop"));
        assertEquals("sh:config:revision", keys.configRevision());
        assertEquals("sh:events", keys.events());
        assertEquals("shop:r1", room.livekitRoomName(":"));
    }
}
