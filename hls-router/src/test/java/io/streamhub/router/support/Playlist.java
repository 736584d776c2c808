package io.streamhub.router.support;

/** Builds live media playlists for tests. */
public final class Playlist {

    private Playlist() {
    }

    /** A live playlist of {@code count} segments {@code seg<N>.ts} starting at {@code firstSequence}. */
    public static String live(int targetSeconds, long firstSequence, int count) {
        return live(targetSeconds, "seg", firstSequence, count);
    }

    /** The same with segments named {@code <prefix><N>.ts}, as an egress of one generation names them ({@code g2-seg}). */
    public static String live(int targetSeconds, String prefix, long firstSequence, int count) {
        StringBuilder b = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:")
                .append(targetSeconds).append("\n#EXT-X-MEDIA-SEQUENCE:").append(firstSequence).append('\n');
        for (long s = firstSequence; s < firstSequence + count; s++) {
            b.append("#EXTINF:").append(targetSeconds).append(".000,\n").append(prefix).append(s).append(".ts\n");
        }
        return b.toString();
    }

    /** The segment lines of a playlist, in order. */
    public static java.util.List<String> segmentUris(String playlist) {
        return playlist.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
    }

    /** {@code #EXT-X-MEDIA-SEQUENCE} of a playlist. */
    public static long mediaSequence(String playlist) {
        for (String line : playlist.split("\n")) {
            if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                return Long.parseLong(line.substring("#EXT-X-MEDIA-SEQUENCE:".length()).trim());
            }
        }
        return 0;
    }
}
