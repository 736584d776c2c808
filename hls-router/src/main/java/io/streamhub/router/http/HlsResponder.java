package io.streamhub.router.http;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.metrics.HlsBytes;
import io.streamhub.router.metrics.RouterMetrics;
import io.streamhub.shared.HlsCacheControl;
import io.streamhub.shared.HlsFileType;
import io.streamhub.shared.HlsPath;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;

/**
 * Writes a {@link Representation} the way the public HTTP contract (docs/architecture.md) says every role must: the kind's content type
 * and {@code Cache-Control} (with {@code Age} for a cached copy), validators with 304, single
 * {@code Range} with 206/416, and HEAD.
 * One place, so the origin (disk) and the shield cache (memory) cannot drift apart, and the one
 * place that counts the body bytes a successful response wrote per room ({@link HlsBytes}).
 */
@ApplicationScoped
public class HlsResponder {

    private final RouterMetrics metrics;
    private final HlsBytes bytes;
    private final String playlistOverride;

    public HlsResponder(RouterMetrics metrics, HlsBytes bytes, RouterConfig config) {
        this.metrics = metrics;
        this.bytes = bytes;
        this.playlistOverride = config.playlistCacheControl().filter(v -> !v.isBlank()).orElse(null);
    }

    public void send(HttpServerRequest request, HlsPath path, Representation rep) {
        HttpServerResponse response = request.response();
        MultiMap headers = response.headers();
        representationHeaders(headers, rep.type(), rep.cacheControl(), rep.ageSeconds(), rep.etag(), rep.lastModifiedText(),
                rep.cacheStatus());

        if (notModified(request, rep)) {
            metrics.served(rep.type(), 304, 0);
            response.setStatusCode(304);
            response.end();
            return;
        }

        ByteRange range = ifRangeAllows(request, rep) ? ByteRange.parse(request.getHeader("Range"), rep.length()) : null;
        if (range == ByteRange.UNSATISFIABLE) {
            headers.set(HttpHeaders.CONTENT_RANGE, "bytes */" + rep.length());
            headers.remove(HttpHeaders.CONTENT_TYPE);
            response.setStatusCode(416);
            metrics.served(rep.type(), 416, 0);
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
        metrics.served(rep.type(), response.getStatusCode(), head ? 0 : length);
        if (head) {
            response.end();
        } else if (rep.file() != null) {
            TcpCork cork = TcpCork.of(request);
            response.sendFile(rep.file(), offset, length).onComplete(ar -> {
                cork.release();
                if (ar.succeeded()) {
                    bytes.written(path.app(), path.room(), rep.type().isPlaylist(), length);
                    return;
                }
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
            response.end(range == null ? body : body.slice((int) offset, (int) (offset + length)))
                    .onSuccess(v -> bytes.written(path.app(), path.room(), rep.type().isPlaylist(), length));
        }
    }

    /**
     * Sends the head of a body that is still arriving from upstream (a streamed miss): the same
     * headers as {@link #send}, less the validators the upstream did not give ({@code null}), and
     * chunked when the length is not known ({@code -1}). The caller writes the chunks, then ends
     * the response, or resets it if the upstream breaks off, and reports it with {@link #streamed}.
     */
    public void startStream(HttpServerRequest request, HlsFileType type, long length, String etag, String lastModified,
                            long ageSeconds, String cacheStatus) {
        HttpServerResponse response = request.response();
        representationHeaders(response.headers(), type, HlsCacheControl.SEGMENT, ageSeconds, etag, lastModified, cacheStatus);
        if (length >= 0) {
            response.headers().set(HttpHeaders.CONTENT_LENGTH, Long.toString(length));
        } else {
            response.setChunked(true);
        }
        response.setStatusCode(200);
    }

    /**
     * Counts a streamed answer once it is over: 200 if it ended whole, its bytes for the room once
     * {@code ended} (the response's end) is written; 502 if it was cut (the client saw an error), and
     * {@code ended} is {@code null}.
     */
    public void streamed(HlsPath path, boolean whole, long sent, Future<Void> ended) {
        metrics.served(path.type(), whole ? 200 : 502, sent);
        if (whole) {
            ended.onSuccess(v -> bytes.written(path.app(), path.room(), path.type().isPlaylist(), sent));
        }
    }

    private void representationHeaders(MultiMap headers, HlsFileType type, String cacheControl, long ageSeconds, String etag,
                                       String lastModifiedText, String cacheStatus) {
        headers.set(HttpHeaders.CONTENT_TYPE, type.contentType());
        headers.set(HttpHeaders.CACHE_CONTROL, playlistOverride != null && type.isPlaylist() ? playlistOverride : cacheControl);
        if (ageSeconds >= 0) {
            headers.set("Age", Long.toString(ageSeconds));
        }
        if (etag != null) {
            headers.set(HttpHeaders.ETAG, etag);
        }
        if (lastModifiedText != null) {
            headers.set(HttpHeaders.LAST_MODIFIED, lastModifiedText);
        }
        headers.set(HttpHeaders.ACCEPT_RANGES, "bytes");
        if (cacheStatus != null) {
            headers.set("X-Cache", cacheStatus);
        }
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
        return Arrays.stream(trimmed.split(",")).map(String::trim).map(HlsResponder::opaque).anyMatch(opaque(etag)::equals);
    }

    private static String opaque(String etag) {
        return etag.startsWith("W/") ? etag.substring(2) : etag;
    }
}
