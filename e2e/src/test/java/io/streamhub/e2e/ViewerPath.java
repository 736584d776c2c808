package io.streamhub.e2e;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.UpgradeRejectedException;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * What a viewer needs, probed every 100 ms from its own thread: the playlist through the master
 * (the CDN's origin), the playback API (re-polled with the viewer's ticket, as a player does), and
 * the tracker accepting an announce for the P2P app. Each round is recorded, so a fault's effect can
 * be read off afterwards. The viewer connects from one {@link SourceAddress}.
 */
final class ViewerPath implements AutoCloseable {

    /**
     * One probe round: when, and for each part why it did not answer as a viewer needs ({@code null}
     * when it did): a status, a timeout, a refused upgrade, the tracker's failure reason.
     */
    record Round(long atNanos, String playlistProblem, String playbackProblem, String trackerProblem) {
        boolean playlist() {
            return playlistProblem == null;
        }

        boolean playback() {
            return playbackProblem == null;
        }

        boolean tracker() {
            return trackerProblem == null;
        }

        boolean ok() {
            return playlist() && playback() && tracker();
        }
    }

    static final long PERIOD_MS = 100;

    final List<Round> rounds = new CopyOnWriteArrayList<>();
    private final HttpClient http;
    private final WebSocketClient ws;
    private final Supplier<String> playlistUrl;
    private final Supplier<String> playbackUrl;
    private final int trackerPort;
    private final String announcePath;
    private final Thread thread;
    private volatile boolean running = true;
    /** The ticket playback gave this viewer last; shown again on the next poll. */
    private String ticket;

    ViewerPath(Supplier<String> playlistUrl, Supplier<String> playbackUrl, int trackerPort, String announcePath) {
        this(SourceAddress.ANY, playlistUrl, playbackUrl, trackerPort, announcePath);
    }

    ViewerPath(SourceAddress from, Supplier<String> playlistUrl, Supplier<String> playbackUrl, int trackerPort, String announcePath) {
        this.http = from.http(4);
        this.ws = from.webSockets(4);
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
            CompletableFuture<String> tracker = announce();
            String playlist = get(playlistUrl.get()).problem();
            String playback = poll();
            String trackerProblem;
            try {
                trackerProblem = tracker.get(3, TimeUnit.SECONDS);
            } catch (Exception e) {
                trackerProblem = e.toString();
            }
            if (!running) {
                return; // cut short by close(): not a round the services answered
            }
            rounds.add(new Round(start, playlist, playback, trackerProblem));
            long spent = (System.nanoTime() - start) / 1_000_000;
            try {
                Thread.sleep(Math.max(0, PERIOD_MS - spent));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /**
     * Why the playback API did not answer 200 with JSON, else {@code null}; its ticket is kept for the
     * next poll (a ticket it does not take makes a new viewer, still 200).
     */
    private String poll() {
        String url = playbackUrl.get();
        if (ticket != null) {
            url += (url.contains("?") ? "&" : "?") + "viewer=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8);
        }
        Answer answer = get(url);
        if (answer.problem() != null) {
            return answer.problem();
        }
        try {
            ticket = new JsonObject(answer.body()).getString("viewer", ticket);
            return null;
        } catch (RuntimeException e) {
            return "not JSON: " + e.getMessage();
        }
    }

    /** A 200's body, or why there was none. */
    record Answer(Buffer body, String problem) {
    }

    /** The body of a 200 answer within 2 s, else what came instead (the status and the start of the body, or the failure). */
    private Answer get(String url) {
        long start = System.nanoTime();
        try {
            return SourceAddress.onEventLoop(() -> http.request(new RequestOptions().setAbsoluteURI(url).setIdleTimeout(2_000))
                    .compose(request -> request.send())
                    .compose(response -> response.body().map(b -> response.statusCode() == 200 ? new Answer(b, null)
                            : new Answer(null, response.statusCode() + " " + b.toString().substring(0, Math.min(120, b.length()))))))
                    .get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            return new Answer(null, String.format("%s after %d ms", e instanceof TimeoutException ? "no answer"
                    : e.toString(), (System.nanoTime() - start) / 1_000_000));
        }
    }

    /**
     * An announce on a fresh WebSocket: {@code null} when the tracker answers it without a failure
     * reason, else what went wrong. The round ends when the connection is gone (the tracker closes it
     * after echoing the viewer's close frame), not when the close frame is sent, so the viewer never
     * holds two at once: at the tracker's cap, an address that still holds one gains no second.
     */
    private CompletableFuture<String> announce() {
        CompletableFuture<String> result = new CompletableFuture<>();
        ws.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(trackerPort).setURI(announcePath).setTimeout(1500))
                .onFailure(e -> result.complete(e instanceof UpgradeRejectedException r ? "upgrade refused: " + r.getStatus() : e.toString()))
                .onSuccess(socket -> {
                    AtomicBoolean answered = new AtomicBoolean();
                    AtomicReference<String> failure = new AtomicReference<>();
                    socket.textMessageHandler(m -> {
                        answered.set(true);
                        String reason = new JsonObject(m).getString("failure reason");
                        failure.set(reason == null ? null : "failure reason: " + reason);
                        socket.close();
                    });
                    socket.closeHandler(v -> result.complete(answered.get() ? failure.get()
                            : "closed before an answer: " + socket.closeStatusCode() + " " + socket.closeReason()));
                    socket.writeTextMessage(new JsonObject().put("action", "announce").put("info_hash", "faultbatteryinfohash")
                            .put("peer_id", "-FB0001-probeprobe01").put("numwant", 0).put("uploaded", 0)
                            .put("downloaded", 0).put("left", 1000).encode());
                });
        return result.orTimeout(2, TimeUnit.SECONDS).exceptionally(e -> "no answer within 2 s");
    }

    /** Rounds that started at or after {@code fromNanos}. */
    List<Round> since(long fromNanos) {
        return rounds.stream().filter(r -> r.atNanos() >= fromNanos).toList();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
        http.close();
        ws.close();
    }
}
