package io.streamhub.redis.state;

import static io.streamhub.redis.state.StateRedis.KEYS;
import static io.streamhub.redis.state.StateRedis.await;
import static io.streamhub.redis.state.StateRedis.command;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.NodeRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NodeRecordsTest {

    final NodeRecords nodes = new NodeRecords(StateRedis.OPS, StateRedis.DATA);

    @BeforeEach
    void clean() throws Exception {
        for (String id : new String[] {"n1", "n2", "odd", "empty"}) {
            command("DEL", KEYS.node(id));
        }
    }

    @Test
    void aHeartbeatReadsBackTheSameRecordEveryWay() throws Exception {
        NodeRecord record = new NodeRecord("http://10.0.0.1:8080", "ws://10.0.0.1:7880", "wss://lk.example.com", "eu", 1234L);
        await(nodes.beat("n1", record, 15));
        await(nodes.beat("n2", new NodeRecord("http://10.0.0.2:8080", "", "", "us", 5L), 15));

        assertEquals(record, await(nodes.get("n1")));
        assertEquals(record, nodes.read("n1"));
        assertEquals(record, nodes.readAll().get("n1"));
        assertEquals("us", nodes.readAll().get("n2").zone());
        long ttl = Long.parseLong(command("TTL", KEYS.node("n1")));
        assertTrue(ttl > 0 && ttl <= 15, "the record lives only as long as its heartbeats: " + ttl);

        await(nodes.remove("n1"));
        assertNull(await(nodes.get("n1")));
        assertNull(nodes.read("n1"));
        assertFalse(nodes.readAll().containsKey("n1"));
    }

    @Test
    void aMalformedRecordReadsWhatItHasAndAMissingOneIsNone() throws Exception {
        command("HSET", KEYS.node("odd"), NodeRecord.HLS_URL, "http://10.0.0.9:8080", NodeRecord.STARTED_AT, "yesterday");
        NodeRecord odd = await(nodes.get("odd"));
        assertEquals("http://10.0.0.9:8080", odd.hlsUrl());
        assertNull(odd.livekitUrl(), "a missing field is not made up");
        assertEquals(0L, odd.startedAt());
        assertNull(await(nodes.get("empty")));
        assertNull(nodes.read("empty"));
    }
}
