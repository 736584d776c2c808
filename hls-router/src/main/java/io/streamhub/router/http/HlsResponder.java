package io.streamhub.router.http;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.metrics.RouterMetrics;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Writes a {@link Representation} the way the public HTTP contract (docs/architecture.md) says every role must: the kind's content type
 * and {@code Cache-Control} (with {@code Age} for a cached copy), validators with 304, single
 * {@code Range} with 206/416, and HEAD.
 * One place, so the origin (disk) and the shield cache (memory) cannot drift apart.
 */
@ApplicationScoped
public class HlsResponder {

    private final RouterMetrics metrics;
    private final String playlistOverride;

    public HlsResponder(RouterMetrics metrics, RouterConfig config) {
        this.metrics = metrics;
        this.playlistOverride = config.playlistCacheControl().filter(v -> !v.isBlank()).orElse(null);
    }

    public void send(HttpServerRequest request, Representation rep) {
        HttpServerResponse response = request.response();
        MultiMap headers = response.headers();
        headers.set(HttpHeaders.CONTENT_TYPE, rep.type().contentType());
        headers.set(HttpHeaders.CACHE_CONTROL, playlistOverride != null && rep.type().isPlaylist() ? playlistOverride : rep.cacheControl());
        if (rep.ageSeconds() >= 0) {
            headers.set("Age", Long.toString(rep.ageSeconds()));
        }
        headers.set(HttpHeaders.ETAG, rep.etag());
        headers.set(HttpHeaders.LAST_MODIFIED, rep.lastModifiedText());
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (rep.cacheStatus() != null) {
            headers.set("X-Cache", rep.cacheStatus());
        }

        if (notModified(request, rep)) {
            finish(response.setStatusCode(304), rep, 0);
            response.end();
            return;
        }

        ByteRange range = ifRangeAllows(request, rep) ? ByteRange.parse(request.getHeader("Range"), rep.length()) : null;
        if (range == ByteRange.UNSATISFIABLE) {
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + rep.length());
            headers.remove(HttpHeaders.CONTENT_TYPE);
            response.setStatusCode(416);
            finish(response, rep, 0);
            response.end();
            return;
        }
        long offset = range == null ? 0 : range.start();
        long length = range == null ? rep.length() : range.length();
        if (range != null) {
            response.setStatusCode(206);
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes " + range.start() + '-' + range.end() + '/' + rep.length());
        }
        headers.set(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        boolean head = request.method() == HttpMethod.HEAD;
        finish(response, rep, head ? 0 : length);
        if (head) {
            response.end();
        } else if (rep.file() != null) {
            TcpCork cork = TcpCork.of(request);
            response.sendFile(rep.file(), offset, length).onComplete(ar -> cork.release()).onFailure(e -> {
                // The file vanished between lookup and send (an operator cleaned the cache folder).
                if (!response.headWritten()) {
                    response.setStatusCode(503).headers().remove(HttpHeaders.CONTENT_LENGTH);
                    response.putHeader(HttpHeaders.CACHE_CONTROL, "no-store").end();
                } else {
                    response.reset();
                }
            });
        } else {
            Buffer body = rep.body();
            response.end(range == null ? body : body.slice((int) offset, (int) (offset + length)));
        }
    }

    private void finish(HttpServerResponse response, Representation rep, long bytes) {
        metrics.served(rep.type(), response.getStatusCode(), bytes);
    }

    /** RFC 9110 §13.2.2: If-None-Match wins over If-Modified-Since. */
    private static boolean notModified(HttpServerRequest request, Representation rep) {
        String inm = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (inm != null) {
            return etagListMatches(inm, rep.etag());
        }
        long since = HttpDates.parse(request.getHeader(HttpHeaders.IF_MODIFIED_SINCE));
        // HTTP dates have one-second precision.
        return since >= 0 && rep.lastModified() / 1000 <= since / 1000;
    }

    /** A Range is honoured only if If-Range (when sent) still names this representation. */
    private static boolean ifRangeAllows(HttpServerRequest request, Representation rep) {
        String ifRange = request.getHeader("If-Range");
        if (ifRange == null) {
            return true;
        }
        if (ifRange.startsWith("\"")) {
            return ifRange.equals(rep.etag());
        }
        long date = HttpDates.parse(ifRange);
        return date >= 0 && rep.lastModified() / 1000 <= date / 1000;
    }

    /** Weak comparison, as If-None-Match requires. */
    static boolean etagListMatches(String header, String etag) {
        String trimmed = header.trim();
        if (trimmed.equals("*")) {
            return true;
        }
        String opaque = etag.startsWith("W/") ? etag.substring(2) : etag;
        for (String candidate : trimmed.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals(opaque)) {
                return true;
            }
        }
        return false;
    }
}
