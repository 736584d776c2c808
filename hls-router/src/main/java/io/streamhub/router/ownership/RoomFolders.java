package io.streamhub.router.ownership;

import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.HlsNames;
import io.streamhub.shared.RoomId;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Walks an origin's HLS tree: every validly named room folder of every validly named app, never through a link. */
public final class RoomFolders {

    private RoomFolders() {
    }

    public static void forEach(Path appsRoot, BiConsumer<RoomId, Path> room) {
        for (Path appDir : children(appsRoot)) {
            String app = appDir.getFileName().toString();
            if (!HlsNames.isValidName(app)) {
                continue;
            }
            for (Path roomDir : children(HlsLayout.hlsDir(appsRoot, app))) {
                String name = roomDir.getFileName().toString();
                if (HlsNames.isValidName(name) && Files.isDirectory(roomDir, LinkOption.NOFOLLOW_LINKS)) {
                    room.accept(new RoomId(app, name), roomDir);
                }
            }
        }
    }

    /** A file's own attributes (a link's, not its target's); {@code null} when it cannot be read. */
    public static BasicFileAttributes attributes(Path p) {
        try {
            return Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return null;
        }
    }

    /** The room's folder, then each rendition folder in it (real folders: a link is never one). */
    public static List<Path> withRenditions(Path roomDir) {
        List<Path> dirs = new ArrayList<>(List.of(roomDir));
        children(roomDir).stream().filter(p -> Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)).forEach(dirs::add);
        return dirs;
    }

    /** What a folder holds, symbolic links left out; nothing when it is absent or unreadable. */
    static List<Path> children(Path dir) {
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return out;
        }
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                if (!Files.isSymbolicLink(p)) {
                    out.add(p);
                }
            }
        } catch (IOException e) {
            // gone or unreadable: nothing here this pass
        }
        return out;
    }
}
