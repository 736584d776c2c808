package io.streamhub.router.playlist;

import io.streamhub.shared.Rendition;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The multivariant playlist of a room with several renditions. LiveKit runs one egress per
 * rendition, each writing its own sub-folder, and no egress writes a playlist that ties them
 * together; the origin, which sees the folders, writes it. Only renditions of the ladder
 * (the app's {@code hls.renditions}) that have a live playlist are listed, lowest first.
 */
public final class MasterPlaylist {

    private MasterPlaylist() {
    }

    /** The rendition folder names the ladder knows. */
    public static Set<String> renditions() {
        return Arrays.stream(Rendition.values()).map(Rendition::wire).collect(Collectors.toUnmodifiableSet());
    }

    /** The playlist, or {@code null} when the room has no rendition folder with a live playlist. */
    public static String build(Path roomDir, String livePlaylist, String publicPlaylist) throws IOException {
        return build(roomDir, folder -> Files.isRegularFile(folder.resolve(livePlaylist), LinkOption.NOFOLLOW_LINKS), publicPlaylist);
    }

    /**
     * The same for the rendition folders that {@code has} accepts (a session's VOD: those holding its
     * recordings), each listed as {@code <rendition>/<listed>}.
     */
    public static String build(Path roomDir, Predicate<Path> has, String listed) throws IOException {
        if (!Files.isDirectory(roomDir, LinkOption.NOFOLLOW_LINKS)) {
            return null;
        }
        List<Rendition> variants = new ArrayList<>();
        try (DirectoryStream<Path> children = Files.newDirectoryStream(roomDir)) {
            for (Path child : children) {
                Optional<Rendition> v = Rendition.ofWire(child.getFileName().toString());
                if (v.isPresent() && Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS) && has.test(child)) {
                    variants.add(v.get());
                }
            }
        }
        if (variants.isEmpty()) {
            return null;
        }
        variants.sort(Comparator.comparingInt(Rendition::bandwidth));
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-INDEPENDENT-SEGMENTS\n");
        for (Rendition v : variants) {
            // An audio-only variant names no RESOLUTION, and only the audio codec.
            p.append("#EXT-X-STREAM-INF:BANDWIDTH=").append(v.bandwidth());
            v.resolution().ifPresent(r -> p.append(",RESOLUTION=").append(r));
            p.append(",CODECS=\"").append(v.codecs()).append("\"\n").append(v.wire()).append('/').append(listed).append('\n');
        }
        return p.toString();
    }
}
