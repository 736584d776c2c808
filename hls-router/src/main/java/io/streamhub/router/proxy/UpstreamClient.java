package io.streamhub.router.proxy;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.HlsPath;
import io.streamhub.shared.Numbers;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Fetches HLS objects from an upstream router, handing each chunk to a {@link StreamingBody} as it
 * arrives and the whole body to the returned future at the end. Non-blocking, with a connection
 * pool per upstream host (a slow node cannot take another's connections), a connect timeout, a
 * deadline for the head and then for each chunk ({@link FetchWatchdog}), a body size cap and a smaller one for error
 * bodies ({@link #MAX_ERROR_BODY_BYTES}); any failure fails the streaming body too, so no
 * reader of it can mistake a cut body for a whole one.
 */
@ApplicationScoped
public class UpstreamClient {

    /** What the upstream answered: 200 with a body, or 404; {@code ageSeconds} from its {@code Age} (0 without). */
    public record Fetched(int status, Buffer body, String etag, String lastModified, long ageSeconds) {
    }

    /** How much of an error answer's body (any status but 200) is read before the connection is dropped instead. */
    public static final int MAX_ERROR_BODY_BYTES = 64 * 1024;

    private final Vertx vertx;
    private final RouterConfig config;
    private final HttpClient client;

    public UpstreamClient(Vertx vertx, RouterConfig config) {
        this.vertx = vertx;
        this.config = config;
        RouterConfig.Upstream u = config.upstream();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                        .setConnectTimeout((int) u.connectTimeout().toMillis())
                        .setKeepAlive(true)
                        .setKeepAliveTimeout(30),
                new PoolOptions().setHttp1MaxSize(u.maxConnectionsPerNode()).setMaxWaitQueueSize(10_000));
    }

    public Future<Fetched> fetch(String baseUrl, HlsPath path, StreamingBody sink) {
        long deadline = config.upstream().timeout().toMillis();
        int maxBytes = config.proxy().maxObjectBytes();
        Promise<Fetched> promise = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        FetchWatchdog[] watchdog = new FetchWatchdog[1];
        watchdog[0] = new FetchWatchdog(vertx, deadline, () -> {
            String what = watchdog[0].answered() ? "upstream sent nothing for " : "upstream did not answer within ";
            if (promise.tryFail(new UpstreamException(504, what + deadline + " ms")) && sent[0] != null) {
                sent[0].reset();
            }
        });
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(baseUrl + path.publicPath())
                .putHeader(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.IDENTITY);
        config.upstream().token().filter(t -> !t.isBlank()).ifPresent(t -> options.putHeader(config.protection().header(), t));
        client.request(options).compose(req -> {
            sent[0] = req;
            req.exceptionHandler(e -> promise.tryFail(new UpstreamException(502, "upstream broke off: " + e.getMessage())));
            return req.send();
        }).onSuccess(resp -> readBody(resp, maxBytes, promise, sink, watchdog[0]))
                .onFailure(e -> promise.tryFail(e instanceof UpstreamException ? e
                        : new UpstreamException(502, "upstream unreachable: " + e.getMessage())));
        return promise.future().onComplete(ar -> {
            watchdog[0].stop();
            if (ar.failed()) {
                sink.fail();
            }
        });
    }

    private static void readBody(HttpClientResponse resp, int maxBytes, Promise<Fetched> promise, StreamingBody sink,
                                 FetchWatchdog watchdog) {
        int status = resp.statusCode();
        watchdog.progress();
        resp.exceptionHandler(e -> promise.tryFail(new UpstreamException(502, "upstream broke off: " + e.getMessage())));
        String declared = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (status != 200) {
            readError(resp, status, declared, promise, sink, watchdog);
            return;
        }
        if (declared != null && parseLong(declared) > maxBytes) {
            promise.tryFail(new UpstreamException(502, "object larger than " + maxBytes + " bytes"));
            resp.request().reset();
            return;
        }
        String etag = resp.getHeader(HttpHeaders.ETAG);
        String lastModified = resp.getHeader(HttpHeaders.LAST_MODIFIED);
        long age = Math.max(0, parseLong(String.valueOf(resp.getHeader("Age"))));
        sink.start(new StreamingBody.Head(declared != null ? parseLong(declared) : -1, etag, lastModified, age));
        Buffer body = Buffer.buffer(declared != null ? (int) Math.max(0, parseLong(declared)) : 4096);
        resp.handler(chunk -> {
            watchdog.progress();
            if (body.length() + chunk.length() > maxBytes) {
                resp.request().reset();
                promise.tryFail(new UpstreamException(502, "object larger than " + maxBytes + " bytes"));
            } else {
                body.appendBuffer(chunk);
                sink.append(offHeap(chunk));
            }
        });
        resp.endHandler(v -> {
            if (promise.future().isComplete()) {
                return;
            }
            // Readers hear of the end first: their last byte does not wait for the cache's file write.
            sink.end();
            promise.tryComplete(new Fetched(200, body, etag, lastModified, age));
        });
    }

    /**
     * Any answer but a 200 means only its status (404, or a 502 for the viewer). Its body is read, to
     * keep the connection reusable, up to {@link #MAX_ERROR_BODY_BYTES}; a longer one (declared or sent)
     * costs the connection instead, so an upstream cannot make us read an endless error page.
     */
    private static void readError(HttpClientResponse resp, int status, String declared, Promise<Fetched> promise, StreamingBody sink,
                                  FetchWatchdog watchdog) {
        sink.decline();
        Runnable answer = () -> {
            if (status == 404) {
                promise.tryComplete(new Fetched(404, null, null, null, 0));
            } else {
                promise.tryFail(new UpstreamException(502, "upstream answered " + status));
            }
        };
        long[] read = {0};
        resp.handler(chunk -> {
            watchdog.progress();
            read[0] += chunk.length();
            if (read[0] > MAX_ERROR_BODY_BYTES && !promise.future().isComplete()) {
                answer.run();
                resp.request().reset();
            }
        });
        resp.endHandler(v -> answer.run());
        if (declared != null && parseLong(declared) > MAX_ERROR_BODY_BYTES) {
            answer.run();
            resp.request().reset();
        }
    }

    /**
     * The chunk copied once into direct memory. Each waiter's socket write of a heap buffer costs a
     * copy into direct memory first; of a direct one, none: for 500 waiters that is 500 copies of
     * every chunk saved. The memory is the JDK's, freed when the last waiter lets go of the chunk
     * (Netty never releases it: the wrapper is unreleasable).
     */
    @SuppressWarnings("deprecation") // Vert.x 4 reaches a buffer's Netty buffer only through these (BufferInternal is Vert.x 5)
    private static Buffer offHeap(Buffer chunk) {
        java.nio.ByteBuffer direct = java.nio.ByteBuffer.allocateDirect(chunk.length());
        direct.put(chunk.getByteBuf().nioBuffer()).flip();
        return Buffer.buffer(io.netty.buffer.Unpooled.unreleasableBuffer(io.netty.buffer.Unpooled.wrappedBuffer(direct)));
    }

    private static long parseLong(String s) {
        return Numbers.parseLong(s.trim(), -1);
    }

    @PreDestroy
    void close() {
        client.close();
    }
}
