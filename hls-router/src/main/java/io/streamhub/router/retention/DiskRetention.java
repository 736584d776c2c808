package io.streamhub.router.retention;

import io.streamhub.router.ownership.RoomFolders;
import io.streamhub.router.playlist.Playlists;
import io.streamhub.shared.HlsLayout;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;

/**
 * Keeps an origin's HLS folder from filling the disk (the egress only ever adds files). One sweep:
 * <ul>
 * <li>a room whose playlists have not changed for {@code endedRetention} (and the app's VOD retention) is
 * deleted whole, unless the app's VOD retention is not known;</li>
 * <li>otherwise, in the room folder and each rendition folder, a file that no protected playlist lists
 * is deleted once it is older than the grace: the larger of {@code segmentGrace} and two live windows
 * (the live playlist's segment count times its target duration), so a viewer or a CDN that just read
 * a playlist still finds every segment it names.</li>
 * </ul>
 * Protected playlists are every {@code .m3u8} the origin may serve: all of them, except the
 * recording playlists ({@link HlsLayout#isRecording}) when recordings are not kept ({@code keepRecording}
 * false; the origin then does not serve them either). Symbolic links are never followed nor deleted through. Blocking I/O.
 */
public final class DiskRetention {

    /** What one sweep did, and what the tree holds after it. */
    public record Result(long deletedFiles, long deletedBytes, long deletedRooms, long bytesKept) {
    }

    private final Path appsRoot;
    private final String livePlaylist;
    private final boolean keepRecording;
    private final Duration segmentGrace;
    private final Duration endedRetention;
    private final LongSupplier clock;
    private final ToLongFunction<String> vodRetentionMillis;

    /**
     * @param vodRetentionMillis an app's VOD retention in millis, 0 when it keeps none, negative when it is
     *                           not known (its recordings are then kept: unknown is never "none")
     */
    public DiskRetention(Path appsRoot, String livePlaylist, boolean keepRecording, Duration segmentGrace, Duration endedRetention,
                         LongSupplier clock, ToLongFunction<String> vodRetentionMillis) {
        this.vodRetentionMillis = vodRetentionMillis;
        this.appsRoot = appsRoot;
        this.livePlaylist = livePlaylist;
        this.keepRecording = keepRecording;
        this.segmentGrace = segmentGrace;
        this.endedRetention = endedRetention;
        this.clock = clock;
    }

    public Result sweep() {
        Counts c = new Counts();
        long now = clock.getAsLong();
        Map<String, Long> vod = new HashMap<>(); // asked once per app and sweep
        RoomFolders.forEach(appsRoot, (room, roomDir) ->
                sweepRoom(roomDir, now, vod.computeIfAbsent(room.app(), vodRetentionMillis::applyAsLong), c));
        return new Result(c.files, c.bytes, c.rooms, c.kept);
    }

    private void sweepRoom(Path roomDir, long now, long vod, Counts c) {
        List<Path> dirs = RoomFolders.withRenditions(roomDir);
        long newestPlaylist = -1;
        for (Path dir : dirs) {
            for (Path f : children(dir)) {
                BasicFileAttributes a = RoomFolders.attributes(f);
                if (a != null && a.isRegularFile() && f.getFileName().toString().endsWith(".m3u8")) {
                    newestPlaylist = Math.max(newestPlaylist, a.lastModifiedTime().toMillis());
                }
            }
        }
        // An unknown VOD retention (vod < 0) keeps the room: it may be 7 days while the config cannot be read.
        if (newestPlaylist >= 0 && vod >= 0 && now - newestPlaylist > Math.max(endedRetention.toMillis(), vod)) {
            deleteTree(roomDir, c);
            c.rooms++;
            return;
        }
        for (Path dir : dirs) {
            sweepFolder(dir, now, vod, c);
        }
    }

    /** A recording protects what it lists when recordings are kept, or while the app's VOD retention lasts for it. */
    private boolean protects(String name, BasicFileAttributes a, long now, long vod) {
        return !HlsLayout.isRecording(name) || keepRecording || vod < 0
                || (vod > 0 && a != null && now - a.lastModifiedTime().toMillis() <= vod);
    }

    private void sweepFolder(Path dir, long now, long vod, Counts c) {
        Set<String> listed = new HashSet<>();
        long window = 0;
        for (Path f : children(dir)) {
            String name = f.getFileName().toString();
            if (!name.endsWith(".m3u8") || !protects(name, RoomFolders.attributes(f), now, vod)) {
                continue;
            }
            String text = read(f);
            if (text == null) {
                continue;
            }
            List<String> uris = text.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
            uris.forEach(u -> listed.add(fileNameOf(u)));
            if (name.equals(livePlaylist)) {
                window = Math.max(window, uris.size() * Math.max(Playlists.targetDurationSeconds(text), 1) * 1000L);
            }
        }
        long grace = Math.max(segmentGrace.toMillis(), 2 * window);
        for (Path f : children(dir)) {
            String name = f.getFileName().toString();
            BasicFileAttributes a = RoomFolders.attributes(f);
            if (a == null || !a.isRegularFile()) {
                continue; // folders (renditions) are swept on their own; links are left alone
            }
            boolean playlist = name.endsWith(".m3u8");
            boolean protectedPlaylist = playlist && protects(name, a, now, vod);
            if (!protectedPlaylist && !listed.contains(name) && now - a.lastModifiedTime().toMillis() > grace) {
                if (delete(f)) {
                    c.files++;
                    c.bytes += a.size();
                    continue;
                }
            }
            c.kept += a.size();
        }
    }

    private void deleteTree(Path dir, Counts c) {
        for (Path p : children(dir)) {
            BasicFileAttributes a = RoomFolders.attributes(p);
            if (a == null) {
                continue;
            }
            if (a.isDirectory()) {
                deleteTree(p, c);
            } else if (delete(p)) {
                c.files++;
                c.bytes += a.isRegularFile() ? a.size() : 0;
            }
        }
        delete(dir);
    }

    private static boolean delete(Path p) {
        try {
            Files.deleteIfExists(p);
            return true;
        } catch (IOException e) {
            return false; // not ours to delete (permissions), or busy: counted as kept, tried next sweep
        }
    }

    /** A listed URI's file name: what follows the last '/', without a query (relative names are what egresses write). */
    static String fileNameOf(String uri) {
        int q = uri.indexOf('?');
        String u = q >= 0 ? uri.substring(0, q) : uri;
        return u.substring(u.lastIndexOf('/') + 1);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) { // gone between listing and reading, or not text: protects nothing
            return null;
        }
    }

    private static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            s.forEach(out::add);
        } catch (IOException e) {
            // absent or unreadable: nothing to sweep here
        }
        return out;
    }

    private static final class Counts {
        long files;
        long bytes;
        long rooms;
        long kept;
    }
}
