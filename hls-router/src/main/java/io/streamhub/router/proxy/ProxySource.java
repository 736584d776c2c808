package io.streamhub.router.proxy;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.http.HlsResponder;
import io.streamhub.router.http.HttpDates;
import io.streamhub.router.http.HttpErrors;
import io.streamhub.router.http.Representation;
import io.streamhub.router.metrics.RouterMetrics.CacheResult;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.router.playlist.Playlists;
import io.streamhub.router.source.HlsSource;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.HlsFileType;
import io.streamhub.shared.HlsPath;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;

/**
 * Master and edge: answers from the shield cache, and on a miss fetches once from the room's
 * upstream. Playlists are fresh for half a target duration (capped), counted from when the origin
 * made them (the upstream's {@code Age} included), segments forever; every answer carries its
 * {@code Age}, so a CDN in front adds no lifetime of its own on top. An expired playlist is
 * served stale for a bounded time while the upstream fails, then a clean 502/504. A miss on a
 * segment is streamed to its waiters as it arrives ({@link StreamedReply}); playlists, HEAD, Range
 * and conditional requests wait for the cached object.
 */
@ApplicationScoped
@Tier(Tier.Kind.PROXY) // the role wiring decides which HlsSource is used, and its locator
public class ProxySource implements HlsSource {

    private final UpstreamLocator locator;
    private final UpstreamClient upstream;
    private final ShieldCache cache;
    private final SegmentFiles segmentFiles;
    private final HlsResponder responder;
    private final HttpErrors errors;
    private final RouterMetrics metrics;
    private final long playlistMaxTtl;
    private final long staleIfError;
    private final long negativeTtl;
    private final long sendTimeout;

    /** {@code locator}: the room's owner (master), or one fixed upstream (edge). */
    public ProxySource(UpstreamLocator locator, UpstreamClient upstream, ShieldCache cache, @Tier(Tier.Kind.PROXY) SegmentFiles segmentFiles,
                       HlsResponder responder, HttpErrors errors, RouterMetrics metrics, RouterConfig config) {
        this.locator = locator;
        this.upstream = upstream;
        this.cache = cache;
        this.segmentFiles = segmentFiles;
        this.responder = responder;
        this.errors = errors;
        this.metrics = metrics;
        this.playlistMaxTtl = config.proxy().playlistMaxTtl().toMillis();
        this.staleIfError = config.proxy().staleIfError().toMillis();
        this.negativeTtl = config.proxy().negativeTtl().toMillis();
        this.sendTimeout = config.proxy().sendTimeout().toMillis();
    }

    @Override
    public void serve(HttpServerRequest request, HlsPath path) {
        String key = path.relative();
        CachedObject cached = cache.peek(key);
        if (cached != null && cached.isFresh(System.currentTimeMillis())) {
            metrics.cache(cached.status() == 200 ? CacheResult.HIT : CacheResult.NEGATIVE);
            answer(request, path, cached, "HIT");
            return;
        }
        ShieldCache.Load load = cache.load(key, body -> fetch(path, body));
        metrics.cache(load.leader() ? CacheResult.MISS : CacheResult.COLLAPSED);
        String cacheStatus = load.leader() ? "MISS" : "COLLAPSED";
        Context context = Vertx.currentContext();
        if (context != null && load.body() != null && StreamedReply.applies(request, path.type())) {
            new StreamedReply(request, path, cacheStatus, responder, metrics, sendTimeout, ar -> settle(request, path, ar, cached, cacheStatus))
                    .start(context, load);
            return;
        }
        load.future().onComplete(ar -> onContext(context, () -> settle(request, path, ar, cached, cacheStatus)));
    }

    /** Answers a miss from its finished load: the object, else a stale copy while allowed, else the upstream's error. */
    private void settle(HttpServerRequest request, HlsPath path, AsyncResult<CachedObject> ar, CachedObject cached, String cacheStatus) {
        if (ar.succeeded()) {
            answer(request, path, ar.result(), cacheStatus);
        } else if (cached != null && cached.isUsableStale(System.currentTimeMillis())) {
            metrics.cache(CacheResult.STALE);
            answer(request, path, cached, "STALE");
        } else {
            int status = ar.cause() instanceof UpstreamException u ? u.status() : 502;
            errors.send(request.response(), status, ar.cause().getMessage());
        }
    }

    private void answer(HttpServerRequest request, HlsPath path, CachedObject object, String cacheStatus) {
        if (object.status() == 404) {
            errors.send(request.response(), 404, "not found");
        } else {
            responder.send(request, path, object.representation().withCacheStatus(cacheStatus).withAge(object.ageSeconds(System.currentTimeMillis())));
        }
    }

    /** Waiters are answered on their own connection's event loop. */
    static void onContext(Context context, Runnable action) {
        if (context == null || Vertx.currentContext() == context) {
            action.run();
        } else {
            context.runOnContext(v -> action.run());
        }
    }

    /** Fills {@code body} as the upstream answers; it is declined when there is nothing to stream. */
    private Future<CachedObject> fetch(HlsPath path, StreamingBody body) {
        return locator.locate(path).compose(base -> {
            long now = System.currentTimeMillis();
            if (base == null) {
                body.decline();
                return Future.succeededFuture(CachedObject.missing(now, negativeTtl));
            }
            long started = System.nanoTime();
            return upstream.fetch(base, path, body)
                    .onFailure(e -> {
                        metrics.upstream(e instanceof UpstreamException u && u.status() == 504 ? "timeout" : "error",
                                System.nanoTime() - started, 0);
                        locator.upstreamFailed(path.roomId());
                    })
                    .compose(f -> {
                        metrics.upstream(f.status() == 200 ? "ok" : "not_found", System.nanoTime() - started,
                                f.body() == null ? 0 : f.body().length());
                        return toCached(path.type(), f, System.currentTimeMillis());
                    });
        }).onFailure(e -> body.fail());
    }

    /** Playlists stay in memory (small, replaced every few seconds); segments go to a file. */
    private Future<CachedObject> toCached(HlsFileType type, UpstreamClient.Fetched f, long now) {
        if (f.status() == 404) {
            return Future.succeededFuture(CachedObject.missing(now, negativeTtl));
        }
        Buffer body = f.body();
        long parsed = HttpDates.parse(f.lastModified());
        long lastModified = parsed >= 0 ? parsed : now;
        String etag = f.etag() != null ? f.etag() : Representation.checksumEtag('c', body.getBytes());
        long bornAt = now - f.ageSeconds() * 1000;
        if (type.isPlaylist()) {
            long freshUntil = bornAt + playlistTtl(body);
            Representation rep = Representation.ofBuffer(type, body, etag, lastModified);
            return Future.succeededFuture(new CachedObject(200, rep, freshUntil, Math.max(freshUntil, now) + staleIfError, bornAt));
        }
        return segmentFiles.store(body).map(file -> new CachedObject(200,
                Representation.ofFile(type, file, body.length(), etag, lastModified),
                CachedObject.FOREVER, CachedObject.FOREVER, bornAt));
    }

    /** Half a target duration, never more than the configured cap; 1 s for playlists without one. */
    long playlistTtl(Buffer body) {
        int target = Playlists.targetDurationSeconds(body.toString(StandardCharsets.UTF_8));
        long ttl = target > 0 ? target * 500L : 1000L;
        return Math.min(ttl, playlistMaxTtl);
    }
}
