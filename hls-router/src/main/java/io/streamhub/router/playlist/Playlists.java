package io.streamhub.router.playlist;

/** Reading the few facts the router needs from an HLS playlist's text. */
public final class Playlists {

    private static final String TARGET = "#EXT-X-TARGETDURATION:";

    private Playlists() {
    }

    /** {@code #EXT-X-TARGETDURATION} in seconds, or -1 when absent (e.g. a multivariant playlist). */
    public static int targetDurationSeconds(CharSequence playlist) {
        String text = playlist.toString();
        int i = text.indexOf(TARGET);
        if (i < 0) {
            return -1;
        }
        int start = i + TARGET.length();
        int end = start;
        while (end < text.length() && Character.isDigit(text.charAt(end))) {
            end++;
        }
        if (end == start || end - start > 6) {
            return -1;
        }
        return Integer.parseInt(text, start, end, 10);
    }
}
