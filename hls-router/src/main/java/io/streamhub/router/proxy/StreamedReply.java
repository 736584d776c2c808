package io.streamhub.router.proxy;

import io.streamhub.router.http.HlsResponder;
import io.streamhub.router.http.HttpDates;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.shared.HlsFileType;
import io.streamhub.shared.HlsPath;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * One waiter of a miss answered from the upstream body as it arrives ({@link StreamingBody}),
 * rather than after the whole object is cached. It runs on the waiter's own context, and ends in
 * exactly one of three ways: the body ended (a clean end), the body broke off after bytes were sent
 * (the connection is reset, so no client takes a cut body for a whole one), or nothing was
 * streamed (a 404, a failure before the head, the fetch finished first), and the finished load
 * answers instead, as for a waiter that never streamed. A client whose write queue stays full for
 * the send timeout is dropped the second way: reset, and the chunks it was owed let go.
 */
final class StreamedReply {

    private final HttpServerRequest request;
    private final HlsPath path;
    private final String cacheStatus;
    private final HlsResponder responder;
    private final Consumer<AsyncResult<CachedObject>> fallback;
    private final RouterMetrics metrics;
    private final long sendTimeout;
    /** Chunks polled but not yet written: the client's write queue was full. */
    private final ArrayDeque<Buffer> pending = new ArrayDeque<>();
    private StreamingBody.State state = StreamingBody.State.WAITING;
    private boolean waitingForDrain;
    private StreamingBody.Reader reader;
    private Context context;
    /** The timer that drops a client whose queue has not drained; -1 while none runs. */
    private long stallTimer = -1;
    private boolean started;
    private boolean done;
    private long sent;

    /** {@code fallback} answers from the finished load, on the waiter's context, if nothing was streamed. */
    StreamedReply(HttpServerRequest request, HlsPath path, String cacheStatus, HlsResponder responder, RouterMetrics metrics,
                  long sendTimeout, Consumer<AsyncResult<CachedObject>> fallback) {
        this.metrics = metrics;
        this.sendTimeout = sendTimeout;
        this.request = request;
        this.path = path;
        this.cacheStatus = cacheStatus;
        this.responder = responder;
        this.fallback = fallback;
    }

    /** GETs of a whole segment stream; HEAD, Range and conditional requests wait for the cached object. */
    static boolean applies(HttpServerRequest request, HlsFileType type) {
        return !type.isPlaylist() && request.method() == HttpMethod.GET
                && request.getHeader("Range") == null
                && request.getHeader("If-None-Match") == null
                && request.getHeader("If-Modified-Since") == null;
    }

    void start(Context context, ShieldCache.Load load) {
        this.context = context;
        reader = load.body().open(context, this::onReadable);
        request.response().closeHandler(v -> finish());
        load.future().onComplete(ar -> ProxySource.onContext(context, () -> {
            if (!started && !done) {
                finish();
                fallback.accept(ar);
            }
        }));
    }

    private void onReadable() {
        if (done || waitingForDrain) {
            return; // a client whose write queue is full takes more only once it drains
        }
        StreamingBody.Poll poll = reader.poll();
        switch (poll.state()) {
            case WAITING -> {
                return;
            }
            case DECLINED -> {
                // The finished load answers: a 404, a failure before the head.
                reader.close();
                return;
            }
            case FAILED -> {
                if (!started) {
                    // Broke off before this waiter sent anything: it can still get a clean error (or a stale copy).
                    reader.close();
                    return;
                }
            }
            default -> {
            }
        }
        if (!started) {
            started = true;
            StreamingBody.Head head = poll.head();
            long lastModified = HttpDates.parse(head.lastModified());
            responder.startStream(request, path.type(), head.contentLength(), head.etag(),
                    lastModified >= 0 ? HttpDates.format(lastModified) : null, head.ageSeconds(), cacheStatus);
        }
        pending.addAll(poll.chunks());
        state = poll.state();
        write();
    }

    /**
     * Backpressure per viewer: writes what the client's connection takes; when its write queue is full,
     * takes no more of the body until it drains. The upstream is not paused: it fills the one body
     * every collapsed waiter and the cache share (bounded by {@code max-object-bytes}), so a slow
     * viewer holds only references to shared chunks and never slows the others, and only until the
     * send timeout drops it.
     */
    private void write() {
        HttpServerResponse response = request.response();
        while (!done && state != StreamingBody.State.FAILED && !pending.isEmpty()) {
            if (response.writeQueueFull()) {
                waitingForDrain = true;
                metrics.slowReader();
                stallTimer = context.owner().setTimer(sendTimeout, id -> dropStalled());
                response.drainHandler(v -> {
                    waitingForDrain = false;
                    context.owner().cancelTimer(stallTimer);
                    stallTimer = -1;
                    write();
                    onReadable();
                });
                return;
            }
            Buffer chunk = pending.poll();
            response.write(chunk);
            sent += chunk.length();
        }
        if (done) {
            return;
        }
        if (state == StreamingBody.State.ENDED && pending.isEmpty()) {
            finish();
            responder.streamed(path, true, sent, response.end());
        } else if (state == StreamingBody.State.FAILED) {
            finish();
            response.reset();
            responder.streamed(path, false, sent, null);
        }
    }

    /** The client took nothing for the send timeout: reset it, as a body that broke off. */
    private void dropStalled() {
        stallTimer = -1;
        if (done) {
            return;
        }
        finish();
        metrics.slowReaderDropped();
        request.response().reset();
        responder.streamed(path, false, sent, null);
    }

    private void finish() {
        done = true;
        pending.clear();
        if (stallTimer >= 0) {
            context.owner().cancelTimer(stallTimer);
            stallTimer = -1;
        }
        reader.close();
    }
}
