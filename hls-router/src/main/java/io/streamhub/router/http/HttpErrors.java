package io.streamhub.router.http;

import io.streamhub.router.metrics.RouterMetrics;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;

/** Error answers: short plain text, cached briefly (404) or not at all, so a CDN neither hammers nor pins them. */
@ApplicationScoped
public class HttpErrors {

    private final RouterMetrics metrics;

    public HttpErrors(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    public void send(HttpServerResponse response, int status, String message) {
        metrics.request("error", status);
        if (response.ended()) {
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CACHE_CONTROL, status == 404 ? "public, max-age=1" : "no-store")
                .end(message + '\n');
    }
}
