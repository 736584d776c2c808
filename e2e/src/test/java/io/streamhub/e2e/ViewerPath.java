package io.streamhub.e2e;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * What a viewer needs, probed every 100 ms from its own thread: the playlist through the master
 * (the CDN's origin), the playback API, and the tracker accepting an announce for the P2P app.
 * Each round is recorded, so a fault's effect can be read off afterwards.
 */
final class ViewerPath implements AutoCloseable {

    /** One probe round: when, and whether each part answered as a viewer needs. */
    record Round(long atNanos, boolean playlist, boolean playback, boolean tracker) {
        boolean ok() {
            return playlist && playback && tracker;
        }
    }

    static final long PERIOD_MS = 100;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Vertx VERTX = Vertx.vertx();
    private static final WebSocketClient WS = VERTX.createWebSocketClient();

    final List<Round> rounds = new CopyOnWriteArrayList<>();
    private final Supplier<String> playlistUrl;
    private final Supplier<String> playbackUrl;
    private final int trackerPort;
    private final String announcePath;
    private final Thread thread;
    private volatile boolean running = true;

    ViewerPath(Supplier<String> playlistUrl, Supplier<String> playbackUrl, int trackerPort, String announcePath) {
        this.playlistUrl = playlistUrl;
        this.playbackUrl = playbackUrl;
        this.trackerPort = trackerPort;
        this.announcePath = announcePath;
        this.thread = new Thread(this::run, "viewer-path");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        while (running) {
            long start = System.nanoTime();
            CompletableFuture<Boolean> tracker = announce();
            boolean playlist = ok(playlistUrl.get());
            boolean playback = ok(playbackUrl.get());
            boolean accepted;
            try {
                accepted = tracker.get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                accepted = false;
            }
            rounds.add(new Round(start, playlist, playback, accepted));
            long spent = (System.nanoTime() - start) / 1_000_000;
            try {
                Thread.sleep(Math.max(0, PERIOD_MS - spent));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static boolean ok(String url) {
        try {
            HttpRequest r = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).build();
            return HTTP.send(r, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (Exception e) {
            return false;
        }
    }

    /** An announce on a fresh WebSocket; true when the tracker answers it without a failure reason. */
    private CompletableFuture<Boolean> announce() {
        CompletableFuture<Boolean> result = new CompletableFuture<>();
        WS.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(trackerPort).setURI(announcePath).setTimeout(1500))
                .onFailure(e -> result.complete(false))
                .onSuccess(ws -> {
                    ws.textMessageHandler(m -> {
                        result.complete(!new JsonObject(m).containsKey("failure reason"));
                        ws.close();
                    });
                    ws.closeHandler(v -> result.complete(false));
                    ws.writeTextMessage(new JsonObject().put("action", "announce").put("info_hash", "faultbatteryinfohash")
                            .put("peer_id", "-FB0001-probeprobe01").put("numwant", 0).put("uploaded", 0)
                            .put("downloaded", 0).put("left", 1000).encode());
                });
        return result.orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> false);
    }

    /** Rounds that started at or after {@code fromNanos}. */
    List<Round> since(long fromNanos) {
        return rounds.stream().filter(r -> r.atNanos() >= fromNanos).toList();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
