package io.streamhub.egress.simulated;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files in one folder of the origin's data dir, each replaced atomically (write aside, then rename). */
final class FolderSink implements HlsSink {

    private final Path dir;

    FolderSink(Path dir) {
        this.dir = dir;
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.write(tmp, content);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void delete(String name) throws IOException {
        Files.deleteIfExists(dir.resolve(name));
    }
}
