package io.streamhub.tracker.ws;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.fail;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A hand-driven tracker client over a real WebSocket: sends frames, queues what comes back. */
final class TestPeer implements AutoCloseable {

    static final Vertx VERTX = Vertx.vertx();
    private static final WebSocketClient CLIENT = VERTX.createWebSocketClient(new WebSocketClientOptions()
            .setMaxFrameSize(4 * 1024 * 1024).setMaxMessageSize(4 * 1024 * 1024).setMaxConnections(10_000));

    final String peerId;
    final WebSocket socket;
    final BlockingQueue<JsonObject> received = new LinkedBlockingQueue<>();
    final CompletableFuture<Short> closed = new CompletableFuture<>();

    private TestPeer(String peerId, WebSocket socket) {
        this.peerId = peerId;
        this.socket = socket;
        socket.textMessageHandler(m -> received.add(new JsonObject(m)));
        socket.closeHandler(v -> closed.complete(socket.closeStatusCode()));
    }

    static TestPeer connect(AnnounceServer tracker, String app, String room, String peerId) {
        return connect(tracker, app, room, peerId, null);
    }

    static TestPeer connect(AnnounceServer tracker, String app, String room, String peerId, String origin) {
        return connectTo(tracker, "/announce/" + app + "/" + room, peerId, origin);
    }

    static TestPeer connectTo(AnnounceServer tracker, String path, String peerId, String origin) {
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(tracker.port())
                .setURI(path);
        if (origin != null) {
            options.addHeader("Origin", origin);
        }
        try {
            WebSocket ws = CLIENT.connect(options).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            return new TestPeer(peerId, ws);
        } catch (Exception e) {
            throw new IllegalStateException("connect failed: " + e.getMessage(), e);
        }
    }

    /** Clients bound to a source address of 127.0.0.0/8 (all of it is local), one per address. */
    private static final java.util.Map<String, WebSocketClient> FROM = new java.util.concurrent.ConcurrentHashMap<>();

    /** Connects from {@code localAddress}, sending {@code headers} (name, value, ...) with the upgrade. */
    static TestPeer connectFrom(AnnounceServer tracker, String path, String peerId, String localAddress, String... headers) {
        WebSocketClient client = FROM.computeIfAbsent(localAddress, a -> VERTX.createWebSocketClient(new WebSocketClientOptions()
                .setLocalAddress(a).setMaxConnections(10_000)));
        WebSocketConnectOptions options = new WebSocketConnectOptions().setHost("127.0.0.1").setPort(tracker.port()).setURI(path);
        for (int i = 0; i + 1 < headers.length; i += 2) {
            options.addHeader(headers[i], headers[i + 1]);
        }
        try {
            return new TestPeer(peerId, client.connect(options).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        } catch (Exception e) {
            throw new IllegalStateException("connect from " + localAddress + " failed: " + e.getMessage(), e);
        }
    }

    /** The HTTP status of an upgrade from {@code localAddress} with {@code headers}: 101 (then closed at once), or the refusal's. */
    static int upgradeStatusFrom(AnnounceServer tracker, String path, String localAddress, String... headers) {
        try {
            connectFrom(tracker, path, id("status"), localAddress, headers).close();
            return 101;
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof java.util.concurrent.ExecutionException x && x.getCause() instanceof io.vertx.core.http.UpgradeRejectedException r) {
                return r.getStatus();
            }
            throw e;
        }
    }

    /** The HTTP status of an upgrade: 101, or the status it was refused with. */
    static int upgradeStatus(AnnounceServer tracker, String path) {
        try {
            return upgradeStatusAsync(tracker, path).get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CompletableFuture<Integer> upgradeStatusAsync(AnnounceServer tracker, String path) {
        return CLIENT.connect(tracker.port(), "127.0.0.1", path)
                .map(ws -> {
                    ws.close();
                    return 101;
                })
                .recover(e -> e instanceof io.vertx.core.http.UpgradeRejectedException r
                        ? io.vertx.core.Future.succeededFuture(r.getStatus())
                        : io.vertx.core.Future.failedFuture(e))
                .toCompletionStage().toCompletableFuture();
    }

    static String id(String prefix) {
        StringBuilder sb = new StringBuilder(prefix);
        while (sb.length() < 20) {
            sb.append('-');
        }
        return sb.substring(0, 20);
    }

    JsonObject announceFrame(String infoHash, int offers) {
        JsonObject a = new JsonObject().put("action", "announce").put("info_hash", infoHash).put("peer_id", peerId)
                .put("numwant", offers).put("uploaded", 0).put("downloaded", 0).put("left", 1000);
        if (offers > 0) {
            JsonArray list = new JsonArray();
            for (int i = 0; i < offers; i++) {
                list.add(new JsonObject().put("offer_id", id(peerId.substring(0, 6) + "o" + i))
                        .put("offer", new JsonObject().put("type", "offer").put("sdp", "v=0 " + peerId + " " + i)));
            }
            a.put("offers", list);
        }
        return a;
    }

    void send(JsonObject frame) {
        send(frame.encode());
    }

    void send(String frame) {
        socket.writeTextMessage(frame);
    }

    /** Announces and returns the tracker's announce reply for that info_hash. */
    JsonObject announce(String infoHash, int offers) {
        send(announceFrame(infoHash, offers));
        return next();
    }

    JsonObject next() {
        try {
            JsonObject m = received.poll(5, TimeUnit.SECONDS);
            assertNotNull(m, "no message from the tracker within 5 s");
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return fail(e);
        }
    }

    /** The next message, or null if none arrives within the time (for "nothing is sent" checks). */
    JsonObject poll(long millis) throws InterruptedException {
        return received.poll(millis, TimeUnit.MILLISECONDS);
    }

    /** Waits for the tracker to close the connection; the close code, or null if it only dropped TCP. */
    Short awaitClose() {
        try {
            return closed.get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            return fail("the tracker did not close the connection: " + e);
        }
    }

    @Override
    public void close() {
        if (!closed.isDone()) {
            socket.close();
        }
    }
}
