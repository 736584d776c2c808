package io.streamhub.tracker.ws;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.streamhub.testsupport.RedisTestResource;
import io.streamhub.tracker.core.IdleSweeper;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Redis;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The WebSocket transport itself, spoken byte by byte: what a hand-written listener must get right
 * that a framework would have (upgrade answers, fragments, limits, control frames, timeouts).
 */
@QuarkusTest
@QuarkusTestResource(RedisTestResource.class)
class TransportTest {

    static final String HASH = "\u00f0transport-hash-0001";

    @Inject
    AnnounceServer tracker;

    @Inject
    IdleSweeper sweeper;

    @Inject
    Redis redis;

    @BeforeEach
    void apps() {
        AppConfigs.put(redis, "transport", true);
    }

    static String announce(String peerId) {
        return new JsonObject().put("action", "announce").put("info_hash", HASH).put("peer_id", peerId).encode();
    }

    @Test
    void plainHttpRequestsGetAClearRefusal() throws Exception {
        try (RawWebSocket c = RawWebSocket.tcp(tracker.port())) {
            c.writeAscii("GET /announce/transport/room HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 400"), head);
            assertTrue(c.closedByServer());
        }
        try (RawWebSocket c = RawWebSocket.tcp(tracker.port())) {
            c.writeAscii("GET /q/health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
            assertTrue(c.readHead().startsWith("HTTP/1.1 404"));
        }
        try (RawWebSocket c = RawWebSocket.tcp(tracker.port())) {
            c.writeAscii("POST /announce/transport/room HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");
            assertTrue(c.readHead().startsWith("HTTP/1.1 404"));
        }
        try (RawWebSocket c = RawWebSocket.tcp(tracker.port())) {
            c.writeAscii("GET /announce/transport/room/extra HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n");
            assertTrue(c.readHead().startsWith("HTTP/1.1 400"));
        }
        try (RawWebSocket c = RawWebSocket.tcp(tracker.port())) {
            c.writeAscii("GET /announce/transport/room HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\n\r\n");
            String head = c.readHead();
            assertTrue(head.startsWith("HTTP/1.1 400"), "an upgrade without its key: " + head);
        }
        try (RawWebSocket c = RawWebSocket.tcp(tracker.port())) {
            c.writeAscii("this is not HTTP\r\n\r\n");
            assertTrue(c.readHead().startsWith("HTTP/1.1 400"));
        }
    }

    @Test
    void connectionsThatNeverFinishTheirUpgradeAreClosed() throws Exception {
        try (RawWebSocket silent = RawWebSocket.tcp(tracker.port());
             RawWebSocket slow = RawWebSocket.tcp(tracker.port())) {
            slow.writeAscii("GET /announce/transport/room HTTP/1.1\r\nHost: 127.0.0.1\r\n");
            // tracker.ws.handshake-timeout is 1 s in tests; the sockets wait up to 5 s.
            assertTrue(silent.closedByServer(), "a silent connection is closed");
            assertTrue(slow.closedByServer(), "a half-sent request is closed");
        }
    }

    @Test
    void aFragmentedMessageIsReassembled() throws Exception {
        try (RawWebSocket c = RawWebSocket.upgraded(tracker.port(), "/announce/transport/fragments")) {
            String message = announce(TestPeer.id("fragments"));
            int cut = message.length() / 2;
            c.text(false, message.substring(0, cut));
            c.frame(false, RawWebSocket.CONTINUATION, message.substring(cut, cut + 3).getBytes(StandardCharsets.UTF_8));
            c.frame(true, RawWebSocket.CONTINUATION, message.substring(cut + 3).getBytes(StandardCharsets.UTF_8));
            JsonObject reply = new JsonObject(c.readUntil(RawWebSocket.TEXT).text());
            assertEquals("announce", reply.getString("action"), reply.encode());
            assertEquals(1, reply.getInteger("incomplete"));
        }
    }

    @Test
    void fragmentsAddingUpPastTheLimitCloseWith1009() throws Exception {
        try (RawWebSocket c = RawWebSocket.upgraded(tracker.port(), "/announce/transport/big")) {
            byte[] chunk = "x".repeat(40 * 1024).getBytes(StandardCharsets.US_ASCII);
            c.text(false, "{\"action\":\"announce\",\"pad\":\"");
            c.frame(false, RawWebSocket.CONTINUATION, chunk);
            c.frame(true, RawWebSocket.CONTINUATION, chunk);
            assertEquals(1009, c.readUntil(RawWebSocket.CLOSE).closeCode());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aClientPingIsAnsweredWithItsPayload() throws Exception {
        try (RawWebSocket c = RawWebSocket.upgraded(tracker.port(), "/announce/transport/ping")) {
            byte[] payload = {1, 2, 3, 4};
            c.frame(true, RawWebSocket.PING, payload);
            assertArrayEquals(payload, c.readUntil(RawWebSocket.PONG).payload());
        }
    }

    @Test
    void quietConnectionsArePingedAndBusyOnesAreNot() throws Exception {
        try (RawWebSocket c = RawWebSocket.upgraded(tracker.port(), "/announce/transport/quiet")) {
            c.text(true, announce(TestPeer.id("quiet")));
            assertEquals("announce", new JsonObject(c.read().text()).getString("action"));

            sweeper.sweep(System.currentTimeMillis());
            c.text(true, announce(TestPeer.id("quiet")));
            assertEquals(RawWebSocket.TEXT, c.read().opcode(), "a connection that just spoke is not pinged");

            // Half a minute later (ping-interval 30 s, idle-timeout 5 min): a ping, not a close.
            sweeper.sweep(System.currentTimeMillis() + 31_000);
            assertEquals(RawWebSocket.PING, c.read().opcode());
            c.frame(true, RawWebSocket.PONG, new byte[0]);
            c.text(true, announce(TestPeer.id("quiet")));
            assertEquals("announce", new JsonObject(c.read().text()).getString("action"), "still served after the ping");
        }
    }

    @Test
    void aCloseIsEchoedAndTheConnectionEnds() throws Exception {
        try (RawWebSocket c = RawWebSocket.upgraded(tracker.port(), "/announce/transport/bye")) {
            c.frame(true, RawWebSocket.CLOSE, new byte[] {0x03, (byte) 0xe8});
            assertEquals(1000, c.readUntil(RawWebSocket.CLOSE).closeCode());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void anUnmaskedClientFrameIsAProtocolError() throws Exception {
        try (RawWebSocket c = RawWebSocket.upgraded(tracker.port(), "/announce/transport/unmasked")) {
            byte[] payload = announce(TestPeer.id("unmasked")).getBytes(StandardCharsets.UTF_8);
            java.io.OutputStream out = c.socket.getOutputStream();
            out.write(new byte[] {(byte) 0x81, (byte) payload.length});
            out.write(payload);
            out.flush();
            assertEquals(1002, c.readUntil(RawWebSocket.CLOSE).closeCode());
            assertTrue(c.closedByServer());
        }
    }
}
