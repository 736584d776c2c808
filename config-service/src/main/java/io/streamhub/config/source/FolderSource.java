package io.streamhub.config.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of app files, typically a mounted ConfigMap. The revision is a hash of the names and
 * contents of the {@code *.yaml} files, read through symlinks: Kubernetes updates a ConfigMap by
 * swapping a {@code ..data} symlink, which changes no file's own mtime.
 */
public final class FolderSource implements AppSource {

    private final Path folder;

    public FolderSource(Path folder) {
        this.folder = folder.toAbsolutePath().normalize();
    }

    public Path folder() {
        return folder;
    }

    @Override
    public Snapshot fetch() throws IOException {
        return new Snapshot(folder, contentHash(folder));
    }

    @Override
    public String describe() {
        return "folder:" + folder;
    }

    /** {@code sha256:<hex>} over every visible {@code *.yaml} file's name and bytes, in name order. */
    public static String contentHash(Path folder) throws IOException {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> {
                String n = p.getFileName().toString();
                return !n.startsWith(".") && (n.endsWith(".yaml") || n.endsWith(".yml"));
            }).sorted().toList();
        }
        for (Path f : files) {
            sha.update(f.getFileName().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(Files.readAllBytes(f));
            sha.update((byte) 0);
        }
        return "sha256:" + HexFormat.of().formatHex(sha.digest());
    }
}
