package io.streamhub.router.http;

import io.streamhub.router.playlist.Playlists;
import io.streamhub.shared.HlsCacheControl;
import io.streamhub.shared.HlsFileType;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;

/**
 * One HLS object ready to send: its validators, its {@code Cache-Control}, and its body, either in
 * memory or a file on disk (sent with zero-copy {@code sendFile}).
 *
 * @param etag             quoted entity tag
 * @param lastModified     epoch millis
 * @param lastModifiedText the same as an HTTP date, formatted once: a cached object is sent many times
 * @param cacheControl     from the playlist's target duration ({@link HlsCacheControl}), worked out once
 * @param cacheStatus      value of the {@code X-Cache} header, or {@code null}
 * @param ageSeconds       value of the {@code Age} header (a cached copy's age), or {@code -1} for none
 */
public record Representation(HlsFileType type, long length, String etag, long lastModified, String lastModifiedText,
                             String cacheControl, Buffer body, String file, String cacheStatus, long ageSeconds) {

    public static Representation ofBuffer(HlsFileType type, Buffer body, String etag, long lastModified) {
        String cacheControl = type.isPlaylist()
                ? HlsCacheControl.playlist(Playlists.targetDurationSeconds(body.toString(StandardCharsets.UTF_8)))
                : HlsCacheControl.SEGMENT;
        return new Representation(type, body.length(), etag, lastModified, HttpDates.format(lastModified), cacheControl, body, null, null, -1);
    }

    public static Representation ofFile(HlsFileType type, String file, long length, long lastModified) {
        // Size and mtime identify a file's content well enough; segments are never rewritten.
        String etag = '"' + Long.toHexString(length) + '-' + Long.toHexString(lastModified) + '"';
        return ofFile(type, file, length, etag, lastModified);
    }

    /** A playlist sent as a file (a recording, a fixed playlist) is not read for its target duration: the 1-s floor. */
    public static Representation ofFile(HlsFileType type, String file, long length, String etag, long lastModified) {
        String cacheControl = type.isPlaylist() ? HlsCacheControl.playlist(-1) : HlsCacheControl.SEGMENT;
        return new Representation(type, length, etag, lastModified, HttpDates.format(lastModified), cacheControl, null, file, null, -1);
    }

    /** An entity tag from the bytes themselves, for a body made or fetched without one; {@code kind} tells makers apart. */
    public static String checksumEtag(char kind, byte[] bytes) {
        CRC32C crc = new CRC32C();
        crc.update(bytes);
        return "\"" + kind + Long.toHexString(crc.getValue()) + '-' + Integer.toHexString(bytes.length) + '"';
    }

    public Representation withCacheStatus(String status) {
        return new Representation(type, length, etag, lastModified, lastModifiedText, cacheControl, body, file, status, ageSeconds);
    }

    public Representation withAge(long seconds) {
        return new Representation(type, length, etag, lastModified, lastModifiedText, cacheControl, body, file, cacheStatus, seconds);
    }
}
