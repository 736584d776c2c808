package io.streamhub.shared;

/**
 * The {@code Cache-Control} of the public HLS contract (docs/architecture.md, "Public HTTP
 * contract"), the same on every role. A live playlist is fresh for half its target duration (at
 * least 1 s) in shared caches ({@code s-maxage}): with {@code Age} passed on through every tier, a
 * CDN asks its origin about once per half target duration however many viewers poll, and what it
 * hands out is never older than that plus its own revalidation. Browsers get {@code max-age=0}:
 * they revalidate each poll (a 304 when nothing changed). A browser holding the playlist even a
 * second delays when the player learns of a segment, and a P2P player then fetches it over HTTP
 * because it is already due: measured in real Chromium, the two-viewer P2P share fell from 0.50 to
 * 0.26 with {@code max-age=1, stale-while-revalidate=1}. Segments are never rewritten under a name,
 * so they are immutable.
 */
public final class HlsCacheControl {

    /** A segment's name is never reused for other bytes, so it may be cached for good. */
    public static final String SEGMENT = "public, max-age=31536000, immutable";

    private HlsCacheControl() {
    }

    /** Seconds a playlist with this {@code #EXT-X-TARGETDURATION} stays fresh in a shared cache; 1 s when it has none. */
    public static int playlistMaxAgeSeconds(int targetDurationSeconds) {
        return Math.max(1, targetDurationSeconds / 2);
    }

    /** The header for a playlist with this target duration ({@code <= 0}: unknown). */
    public static String playlist(int targetDurationSeconds) {
        return "public, max-age=0, s-maxage=" + playlistMaxAgeSeconds(targetDurationSeconds);
    }
}
