package io.streamhub.shared;

/**
 * The {@code Cache-Control} of the public HLS contract (docs/architecture.md, "Public HTTP
 * contract"), the same on every role. A live playlist is fresh for half its target duration (at
 * least 1 s) and may be served that long again while a cache revalidates: with {@code Age} passed
 * on through every tier, what a viewer gets is never older than one target duration, end to end,
 * and a CDN asks its origin about once per half target duration however many viewers poll.
 * Segments are never rewritten under a name, so they are immutable.
 */
public final class HlsCacheControl {

    /** A segment's name is never reused for other bytes, so it may be cached for good. */
    public static final String SEGMENT = "public, max-age=31536000, immutable";

    private HlsCacheControl() {
    }

    /** Seconds a playlist with this {@code #EXT-X-TARGETDURATION} stays fresh; 1 s when it has none. */
    public static int playlistMaxAgeSeconds(int targetDurationSeconds) {
        return Math.max(1, targetDurationSeconds / 2);
    }

    /** The header for a playlist with this target duration ({@code <= 0}: unknown). */
    public static String playlist(int targetDurationSeconds) {
        int fresh = playlistMaxAgeSeconds(targetDurationSeconds);
        return "public, max-age=" + fresh + ", stale-while-revalidate=" + fresh;
    }
}
