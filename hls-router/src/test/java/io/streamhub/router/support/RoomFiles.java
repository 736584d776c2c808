package io.streamhub.router.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Random;

/** Writes a room's HLS the way an egress does: {@code <dataDir>/apps/<app>/hls/<room>/…}. */
public final class RoomFiles {

    private final Path dir;

    public RoomFiles(Path dataDir, String app, String room) {
        this.dir = dataDir.resolve("apps").resolve(app).resolve("hls").resolve(room);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path dir() {
        return dir;
    }

    public RoomFiles write(String name, byte[] content) {
        try {
            Path tmp = dir.resolve(name + ".tmp");
            Files.createDirectories(tmp.getParent());
            Files.write(tmp, content);
            // Egresses replace playlists atomically; readers never see half a file.
            Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            Files.setLastModifiedTime(dir.resolve(name), FileTime.fromMillis(System.currentTimeMillis()));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public RoomFiles write(String name, String content) {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    /** Segments {@code seg<first>.ts … seg<first+count-1>.ts} of random bytes, and the live playlist over them. */
    public RoomFiles live(int targetSeconds, long first, int count, int segmentBytes) {
        Random random = new Random(first);
        for (long s = first; s < first + count; s++) {
            byte[] bytes = new byte[segmentBytes];
            random.nextBytes(bytes);
            write("seg" + s + ".ts", bytes);
        }
        return write("live.m3u8", Playlist.live(targetSeconds, first, count));
    }

    public byte[] read(String name) {
        try {
            return Files.readAllBytes(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
