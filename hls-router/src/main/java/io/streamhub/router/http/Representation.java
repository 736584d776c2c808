package io.streamhub.router.http;

import io.streamhub.shared.HlsFileType;
import io.vertx.core.buffer.Buffer;

/**
 * One HLS object ready to send: its validators and its body, either in memory or a file on disk
 * (sent with zero-copy {@code sendFile}).
 *
 * @param etag             quoted entity tag
 * @param lastModified     epoch millis
 * @param lastModifiedText the same as an HTTP date, formatted once: a cached object is sent many times
 * @param cacheStatus      value of the {@code X-Cache} header, or {@code null}
 */
public record Representation(HlsFileType type, long length, String etag, long lastModified, String lastModifiedText,
                             Buffer body, String file, String cacheStatus) {

    public static Representation ofBuffer(HlsFileType type, Buffer body, String etag, long lastModified) {
        return new Representation(type, body.length(), etag, lastModified, HttpDates.format(lastModified), body, null, null);
    }

    public static Representation ofFile(HlsFileType type, String file, long length, long lastModified) {
        // Size and mtime identify a file's content well enough; segments are never rewritten.
        String etag = '"' + Long.toHexString(length) + '-' + Long.toHexString(lastModified) + '"';
        return ofFile(type, file, length, etag, lastModified);
    }

    public static Representation ofFile(HlsFileType type, String file, long length, String etag, long lastModified) {
        return new Representation(type, length, etag, lastModified, HttpDates.format(lastModified), null, file, null);
    }

    public Representation withCacheStatus(String status) {
        return new Representation(type, length, etag, lastModified, lastModifiedText, body, file, status);
    }
}
