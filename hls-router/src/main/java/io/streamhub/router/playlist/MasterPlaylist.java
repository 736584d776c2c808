package io.streamhub.router.playlist;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The multivariant playlist of a room with several renditions. LiveKit runs one egress per
 * rendition, each writing its own sub-folder, and no egress writes a playlist that ties them
 * together; the origin, which sees the folders, writes it. Only renditions of the ladder
 * (the app's {@code hls.renditions}) that have a live playlist are listed, lowest first.
 */
public final class MasterPlaylist {

    /** Ladder rendition → {@code BANDWIDTH} (video + audio, bits/s) and {@code RESOLUTION}. */
    private record Variant(String name, int bandwidth, String resolution) {
    }

    private static final Map<String, Variant> LADDER = Map.of(
            "360p", new Variant("360p", 896_000, "640x360"),
            "540p", new Variant("540p", 1_696_000, "960x540"),
            "720p", new Variant("720p", 3_128_000, "1280x720"),
            "1080p", new Variant("1080p", 4_628_000, "1920x1080"));

    private MasterPlaylist() {
    }

    /** The rendition folder names the ladder knows. */
    public static Set<String> renditions() {
        return LADDER.keySet();
    }

    /** The playlist, or {@code null} when the room has no rendition folder with a live playlist. */
    public static String build(Path roomDir, String livePlaylist, String publicPlaylist) throws IOException {
        if (!Files.isDirectory(roomDir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        List<Variant> variants = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(roomDir)) {
            for (Path child : children) {
                Variant v = LADDER.get(child.getFileName().toString());
                if (v != null && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)
                        && Files.isRegularFile(child.resolve(livePlaylist), LinkOption.NOFOLLOW_LINKS)) {
                    variants.add(v);
                }
            }
        }
        if (variants.isEmpty()) {
            return null;
        }
        variants.sort(Comparator.comparingInt(Variant::bandwidth));
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Variant v : variants) {
            p.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v.bandwidth).append(",RESOLUTION=").append(v.resolution)
                    .append(",CODECS=\"avc1.640028,mp4a.40.2\"\n").append(v.name).append('/').append(publicPlaylist).append('\n');
        }
        return p.toString();
    }
}
