package io.streamhub.e2e;

import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * One address trying to hold {@code target} tracker WebSocket connections: each connection that
 * opens announces once (a peer of its own) and stays; each one refused, failed or closed by the
 * tracker is tried again after {@code retryMillis}, until the time given to {@link #start} is over.
 * The connections it holds stay open until {@link #close}.
 */
final class HeldWebSockets implements AutoCloseable {

    private final WebSocketClient client;
    private final int port;
    private final String path;
    private final int target;
    private final long retryMillis;
    private final Set<WebSocket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger mostOpen = new AtomicInteger();
    private final AtomicLong peers = new AtomicLong();
    private volatile boolean retrying = true;
    private final CompletableFuture<Void> over = new CompletableFuture<>();

    final LongAdder attempts = new LongAdder();
    final LongAdder opened = new LongAdder();
    final LongAdder answered = new LongAdder();
    /** Upgrades the tracker refused, by HTTP status. */
    final Map<Integer, LongAdder> refusedByStatus = new ConcurrentHashMap<>();
    /** Open connections the tracker closed, by close code (1013: evicted to let a new address in). */
    final Map<Integer, LongAdder> closedByCode = new ConcurrentHashMap<>();
    final LongAdder otherFailures = new LongAdder();

    HeldWebSockets(SourceAddress from, int port, String path, int target, long retryMillis) {
        this.client = from.webSockets(target);
        this.port = port;
        this.path = path;
        this.target = target;
        this.retryMillis = retryMillis;
    }

    /** Starts trying to hold {@code target} connections for {@code duration}. */
    void start(Duration duration) {
        SourceAddress.VERTX.setTimer(duration.toMillis(), id -> {
            retrying = false;
            over.complete(null);
        });
        for (int i = 0; i < target; i++) {
            connect();
        }
    }

    /** Returns when the time given to {@link #start} is over, still holding what it holds. */
    void awaitEnd() throws Exception {
        over.get(60, TimeUnit.SECONDS);
    }

    /** Connections open now. */
    int open() {
        return open.size();
    }

    /** The most connections open at once. */
    int mostOpen() {
        return mostOpen.get();
    }

    private void connect() {
        if (!retrying) {
            return;
        }
        attempts.increment();
        client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI(path).setTimeout(5_000))
                .onFailure(e -> {
                    if (e instanceof UpgradeRejectedException rejected) {
                        refusedByStatus.computeIfAbsent(rejected.getStatus(), k -> new LongAdder()).increment();
                    } else {
                        otherFailures.increment();
                    }
                    retryLater();
                })
                .onSuccess(ws -> {
                    opened.increment();
                    open.add(ws);
                    mostOpen.accumulateAndGet(open.size(), Math::max);
                    ws.textMessageHandler(m -> answered.increment());
                    ws.closeHandler(v -> {
                        open.remove(ws);
                        Short code = ws.closeStatusCode();
                        closedByCode.computeIfAbsent(code == null ? 0 : (int) code, k -> new LongAdder()).increment();
                        retryLater();
                    });
                    ws.writeTextMessage(new JsonObject().put("action", "announce").put("info_hash", "hostilefloodinfohash")
                            .put("peer_id", String.format("-HO0001-%012d", peers.incrementAndGet())).put("numwant", 0)
                            .put("uploaded", 0).put("downloaded", 0).put("left", 1000).encode());
                });
    }

    private void retryLater() {
        if (retrying) {
            SourceAddress.VERTX.setTimer(retryMillis, id -> connect());
        }
    }

    static Map<Integer, Long> sums(Map<Integer, LongAdder> counts) {
        Map<Integer, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    @Override
    public String toString() {
        return String.format("%d upgrade attempts, %d opened (at most %d at once, %d open now), %d announces answered, refused by status %s,"
                        + " closed by the tracker by code %s, other failures %d", attempts.sum(), opened.sum(), mostOpen(), open(),
                answered.sum(), sums(refusedByStatus), sums(closedByCode), otherFailures.sum());
    }

    @Override
    public void close() {
        retrying = false;
        for (WebSocket ws : open) {
            ws.close();
        }
        client.close();
    }
}
