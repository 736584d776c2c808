package io.streamhub.router.proxy;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.HlsPath;
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
 * Fetches whole HLS objects from an upstream router. Non-blocking, with a connection pool per
 * upstream host (a slow node cannot take another's connections), a connect timeout, a whole-response
 * deadline and a body size cap.
 */
@ApplicationScoped
public class UpstreamClient {

    /** What the upstream answered: 200 with a body, or 404; {@code ageSeconds} from its {@code Age} (0 without). */
    public record Fetched(int status, Buffer body, String etag, String lastModified, long ageSeconds) {
    }

    private final Vertx vertx;
    private final RouterConfig config;
    private volatile HttpClient client;

    public UpstreamClient(Vertx vertx, RouterConfig config) {
        this.vertx = vertx;
        this.config = config;
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    RouterConfig.Upstream u = config.upstream();
                    client = vertx.createHttpClient(new HttpClientOptions()
                                    .setConnectTimeout((int) u.connectTimeout().toMillis())
                                    .setKeepAlive(true)
                                    .setKeepAliveTimeout(30),
                            new PoolOptions().setHttp1MaxSize(u.maxConnectionsPerNode()).setMaxWaitQueueSize(10_000));
                }
                c = client;
            }
        }
        return c;
    }

    public Future<Fetched> fetch(String baseUrl, HlsPath path) {
        long deadline = config.upstream().timeout().toMillis();
        int maxBytes = config.proxy().maxObjectBytes();
        Promise<Fetched> promise = Promise.promise();
        HttpClientRequest[] sent = new HttpClientRequest[1];
        long timer = vertx.setTimer(deadline, id -> {
            if (promise.tryFail(new UpstreamException(504, "upstream did not answer within " + deadline + " ms"))
                    && sent[0] != null) {
                sent[0].reset();
            }
        });
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET)
                .setAbsoluteURI(baseUrl + path.publicPath())
                .putHeader(HttpHeaders.ACCEPT_ENCODING, HttpHeaders.IDENTITY);
        config.upstream().token().filter(t -> !t.isBlank()).ifPresent(t -> options.putHeader(config.protection().header(), t));
        client().request(options).compose(req -> {
            sent[0] = req;
            req.exceptionHandler(e -> promise.tryFail(new UpstreamException(502, "upstream broke off: " + e.getMessage())));
            return req.send();
        }).onSuccess(resp -> readBody(resp, maxBytes, promise))
                .onFailure(e -> promise.tryFail(e instanceof UpstreamException ? e
                        : new UpstreamException(502, "upstream unreachable: " + e.getMessage())));
        return promise.future().onComplete(ar -> vertx.cancelTimer(timer));
    }

    private static void readBody(HttpClientResponse resp, int maxBytes, Promise<Fetched> promise) {
        int status = resp.statusCode();
        resp.exceptionHandler(e -> promise.tryFail(new UpstreamException(502, "upstream broke off: " + e.getMessage())));
        if (status != 200 && status != 404) {
            // Drain the (small) error body so the connection stays reusable.
            resp.body().onComplete(ar -> promise.tryFail(new UpstreamException(502, "upstream answered " + status)));
            return;
        }
        String declared = resp.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLong(declared) > maxBytes) {
            promise.tryFail(new UpstreamException(502, "object larger than " + maxBytes + " bytes"));
            resp.request().reset();
            return;
        }
        Buffer body = Buffer.buffer(declared != null ? (int) Math.max(0, parseLong(declared)) : 4096);
        resp.handler(chunk -> {
            if (body.length() + chunk.length() > maxBytes) {
                resp.request().reset();
                promise.tryFail(new UpstreamException(502, "object larger than " + maxBytes + " bytes"));
            } else {
                body.appendBuffer(chunk);
            }
        });
        resp.endHandler(v -> promise.tryComplete(status == 404
                ? new Fetched(404, null, null, null, 0)
                : new Fetched(200, body, resp.getHeader(HttpHeaders.ETAG), resp.getHeader(HttpHeaders.LAST_MODIFIED),
                        Math.max(0, parseLong(String.valueOf(resp.getHeader("Age")))))));
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @PreDestroy
    void close() {
        HttpClient c = client;
        if (c != null) {
            c.close();
        }
    }
}
