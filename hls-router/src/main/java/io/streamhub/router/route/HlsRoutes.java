package io.streamhub.router.route;

import io.streamhub.router.http.HttpErrors;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.router.source.HlsSource;
import io.streamhub.shared.HlsPath;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The public HLS endpoint {@code /hls/*}: CORS, methods and strict path parsing, then the role's
 * {@link HlsSource}. A plain Vert.x route rather than a REST resource: this is the hot path, and it
 * needs the raw (undecoded) path and zero-copy file sending.
 */
@ApplicationScoped
public class HlsRoutes {

    static final String ALLOWED_METHODS = "GET, HEAD, OPTIONS";

    private final HlsSource source;
    private final HttpErrors errors;
    private final RouterMetrics metrics;
    private final OriginGuard guard;

    public HlsRoutes(HlsSource source, HttpErrors errors, RouterMetrics metrics, OriginGuard guard) {
        this.source = source;
        this.errors = errors;
        this.metrics = metrics;
        this.guard = guard;
    }

    void register(@Observes Router router) {
        // Every response of the router, errors included, may be read by any page (the public HTTP contract).
        router.route().order(-1000).handler(ctx -> {
            ctx.response().headers().set(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            ctx.next();
        });
        router.route("/hls/*").handler(this::handle);
    }

    void handle(RoutingContext ctx) {
        HttpServerRequest request = ctx.request();
        HttpServerResponse response = ctx.response();
        HttpMethod method = request.method();
        if (guard.enabled()) {
            String refused = guard.refusal(request);
            if (refused != null) {
                errors.send(response, 403, refused);
                return;
            }
        }
        if (method == HttpMethod.OPTIONS) {
            preflight(request, response);
            return;
        }
        if (method != HttpMethod.GET && method != HttpMethod.HEAD) {
            response.headers().set(HttpHeaders.ALLOW, ALLOWED_METHODS);
            errors.send(response, 405, "method not allowed");
            return;
        }
        String query = request.query();
        String refused = query == null ? null : QueryString.problem(query);
        if (refused != null) {
            errors.send(response, 400, refused);
            return;
        }
        HlsPath path = HlsPath.parse(request.path());
        if (path == null) {
            errors.send(response, 400, "not a valid HLS path: /hls/<app>/<room>/[<rendition>/]<file>");
            return;
        }
        source.serve(request, path);
    }

    private void preflight(HttpServerRequest request, HttpServerResponse response) {
        response.headers()
                .set(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, ALLOWED_METHODS)
                .set(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, "Range, If-None-Match, If-Modified-Since, If-Range")
                .set(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Content-Length, Content-Range, ETag, Last-Modified, X-Cache")
                .set(HttpHeaders.ACCESS_CONTROL_MAX_AGE, "86400")
                .set(HttpHeaders.CONTENT_LENGTH, "0");
        metrics.request("preflight", 204);
        response.setStatusCode(204).end();
    }
}
