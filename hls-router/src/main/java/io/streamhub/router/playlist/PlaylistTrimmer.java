package io.streamhub.router.playlist;

import io.streamhub.shared.Numbers;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a live media playlist to its newest {@code n} segments (the app's {@code list_size}),
 * keeping it valid (RFC 8216): the media and discontinuity sequence numbers advance by what was
 * dropped, and a key or map that a dropped segment introduced is carried to the first kept one.
 */
public final class PlaylistTrimmer {

    private static final String MEDIA_SEQUENCE = "#EXT-X-MEDIA-SEQUENCE:";
    private static final String DISCONTINUITY_SEQUENCE = "#EXT-X-DISCONTINUITY-SEQUENCE:";
    private static final String DISCONTINUITY = "#EXT-X-DISCONTINUITY";
    private static final String KEY = "#EXT-X-KEY:";
    private static final String MAP = "#EXT-X-MAP:";

    private PlaylistTrimmer() {
    }

    private record Segment(List<String> lines) {
        boolean has(String prefix) {
            return lines.stream().anyMatch(l -> l.startsWith(prefix) && (!prefix.equals(DISCONTINUITY) || l.length() == DISCONTINUITY.length()));
        }

        String last(String prefix) {
            return lines.stream().filter(l -> l.startsWith(prefix)).reduce((earlier, later) -> later).orElse(null);
        }
    }

    /** Returns the playlist unchanged when it has at most {@code n} segments or is not a media playlist. */
    public static String trim(String playlist, int n) {
        if (n < 1 || !playlist.contains("#EXTINF")) {
            return playlist;
        }
        List<String> header = new ArrayList<>();
        List<Segment> segments = new ArrayList<>();
        List<String> pending = new ArrayList<>();
        for (String raw : playlist.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.isBlank()) {
                continue;
            }
            if (!line.startsWith("#")) {
                pending.add(line);
                segments.add(new Segment(pending));
                pending = new ArrayList<>();
            } else if (segments.isEmpty() && isPlaylistTag(line)) {
                header.add(line);
            } else {
                pending.add(line);
            }
        }
        if (segments.size() <= n) {
            return playlist;
        }
        int dropped = segments.size() - n;
        long droppedDiscontinuities = 0;
        String carriedKey = null;
        String carriedMap = null;
        for (Segment s : segments.subList(0, dropped)) {
            if (s.has(DISCONTINUITY)) {
                droppedDiscontinuities++;
            }
            carriedKey = s.last(KEY) != null ? s.last(KEY) : carriedKey;
            carriedMap = s.last(MAP) != null ? s.last(MAP) : carriedMap;
        }

        StringBuilder out = new StringBuilder(playlist.length());
        long mediaSequence = 0;
        long discontinuitySequence = 0;
        for (String h : header) {
            if (h.startsWith(MEDIA_SEQUENCE)) {
                mediaSequence = Numbers.parseLong(h.substring(MEDIA_SEQUENCE.length()).trim(), 0);
            } else if (h.startsWith(DISCONTINUITY_SEQUENCE)) {
                discontinuitySequence = Numbers.parseLong(h.substring(DISCONTINUITY_SEQUENCE.length()).trim(), 0);
            }
        }
        for (String h : header) {
            // A trimmed playlist is no longer an EVENT playlist (those may only grow).
            if (h.startsWith(MEDIA_SEQUENCE) || h.startsWith(DISCONTINUITY_SEQUENCE) || h.startsWith("#EXT-X-PLAYLIST-TYPE:")) {
                continue;
            }
            out.append(h).append('\n');
            if (h.startsWith("#EXT-X-TARGETDURATION:")) {
                appendSequences(out, mediaSequence + dropped, discontinuitySequence + droppedDiscontinuities);
            }
        }
        if (header.stream().noneMatch(h -> h.startsWith("#EXT-X-TARGETDURATION:"))) {
            appendSequences(out, mediaSequence + dropped, discontinuitySequence + droppedDiscontinuities);
        }
        Segment first = segments.get(dropped);
        if (carriedKey != null && !first.has(KEY)) {
            out.append(carriedKey).append('\n');
        }
        if (carriedMap != null && !first.has(MAP)) {
            out.append(carriedMap).append('\n');
        }
        segments.subList(dropped, segments.size()).forEach(s -> s.lines().forEach(l -> out.append(l).append('\n')));
        pending.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** The media sequence tag, and the discontinuity sequence tag unless it is 0. */
    static void appendSequences(StringBuilder out, long media, long discontinuity) {
        out.append(MEDIA_SEQUENCE).append(media).append('\n');
        if (discontinuity > 0) {
            out.append(DISCONTINUITY_SEQUENCE).append(discontinuity).append('\n');
        }
    }

    /** Tags that describe the whole playlist and stay in its header. */
    static boolean isPlaylistTag(String line) {
        return line.startsWith("#EXTM3U") || line.startsWith("#EXT-X-VERSION") || line.startsWith("#EXT-X-TARGETDURATION")
                || line.startsWith(MEDIA_SEQUENCE) || line.startsWith(DISCONTINUITY_SEQUENCE)
                || line.startsWith("#EXT-X-PLAYLIST-TYPE") || line.startsWith("#EXT-X-INDEPENDENT-SEGMENTS")
                || line.startsWith("#EXT-X-START") || line.startsWith("#EXT-X-SERVER-CONTROL")
                || line.startsWith("#EXT-X-PART-INF") || line.startsWith("#EXT-X-ALLOW-CACHE");
    }
}
