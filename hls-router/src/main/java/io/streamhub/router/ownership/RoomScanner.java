package io.streamhub.router.ownership;

import io.streamhub.router.playlist.Playlists;
import io.streamhub.shared.RoomId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;

/**
 * Looks at the HLS folder ({@code <root>/<app>/hls/<room>/[<rendition>/]*.m3u8}) and reports, per
 * room, a fingerprint of its playlists and when they last changed. Blocking I/O: run it on a worker.
 */
final class RoomScanner {

    /** What the disk says of one room's playlists right now. */
    record Observation(long fingerprint, long lastModified, int targetSeconds) {
    }

    private final Path appsRoot;
    private final String livePlaylistName;

    RoomScanner(Path appsRoot, String livePlaylistName) {
        this.appsRoot = appsRoot;
        this.livePlaylistName = livePlaylistName;
    }

    Map<RoomId, Observation> scan() {
        Map<RoomId, Observation> rooms = new HashMap<>();
        RoomFolders.forEach(appsRoot, (room, roomDir) -> {
            Observation o = observe(roomDir);
            if (o != null) {
                rooms.put(room, o);
            }
        });
        return rooms;
    }

    /** Playlists in the room folder and one rendition level below; {@code null} when there are none. */
    private Observation observe(Path roomDir) {
        long fingerprint = 17;
        long lastModified = -1;
        int target = -1;
        boolean any = false;
        for (Path p : RoomFolders.children(roomDir)) {
            java.util.List<Path> candidates = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) ? RoomFolders.children(p) : java.util.List.of(p);
            for (Path f : candidates) {
                String name = f.getFileName().toString();
                if (!name.endsWith(".m3u8")) {
                    continue;
                }
                BasicFileAttributes attrs = RoomFolders.attributes(f);
                if (attrs == null || !attrs.isRegularFile()) {
                    continue;
                }
                any = true;
                long mtime = attrs.lastModifiedTime().toMillis();
                fingerprint = 31 * fingerprint + f.hashCode();
                fingerprint = 31 * fingerprint + mtime;
                fingerprint = 31 * fingerprint + attrs.size();
                lastModified = Math.max(lastModified, mtime);
                if (target < 0 && name.equals(livePlaylistName)) {
                    target = readTarget(f);
                }
            }
        }
        return any ? new Observation(fingerprint, lastModified, target) : null;
    }

    private static int readTarget(Path playlist) {
        try {
            return Playlists.targetDurationSeconds(Files.readString(playlist));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
