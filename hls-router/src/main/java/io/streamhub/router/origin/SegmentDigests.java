package io.streamhub.router.origin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * SHA-256 of the segment files an origin serves, each computed once: a segment is immutable once
 * listed, and the key holds its size and mtime, so a file rewritten in place is hashed again.
 * Only plain file names inside the playlist's own folder are hashed (what the egress writes);
 * anything else gets no digest and is never opened.
 */
final class SegmentDigests {

    /** A file name, nothing that climbs or descends. */
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._-]{0,254}");
    /** Far above any segment (12 s at 50 Mbit/s is 75 MB); a bigger file is not hashed. */
    private static final long MAX_BYTES = 256L << 20;

    private record Key(String path, long size, long mtime) {
    }

    private final Cache<Key, byte[]> cache;
    private final Cache<String, Key> lastKey;

    SegmentDigests(long maxSegments) {
        this.cache = Caffeine.newBuilder().maximumSize(maxSegments).build();
        this.lastKey = Caffeine.newBuilder().maximumSize(maxSegments).build();
    }

    /**
     * The digest if already known, without touching the disk: the event loop's fast path. It may
     * be stale only if the egress rewrote a listed segment in place, which it never does; the
     * blocking {@link #of} checks size and mtime every time.
     */
    Optional<byte[]> known(Path dir, String uri) {
        Key k = lastKey.getIfPresent(dir.resolve(uri).toString());
        return k == null ? Optional.empty() : Optional.ofNullable(cache.getIfPresent(k));
    }

    /** The digest of {@code dir/uri}, reading the file if needed (blocking); empty when it cannot or must not be hashed. */
    Optional<byte[]> of(Path dir, Path realRoot, String uri) {
        if (!PLAIN_NAME.matcher(uri).matches()) {
            return Optional.empty();
        }
        Path file = dir.resolve(uri);
        try {
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot)) {
                return Optional.empty();
            }
            BasicFileAttributes attrs = Files.readAttributes(real, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (!attrs.isRegularFile() || attrs.size() > MAX_BYTES) {
                return Optional.empty();
            }
            Key key = new Key(file.toString(), attrs.size(), attrs.lastModifiedTime().toMillis());
            byte[] digest = cache.getIfPresent(key);
            if (digest == null) {
                digest = sha256(real);
                cache.put(key, digest);
            }
            lastKey.put(key.path(), key);
            return Optional.of(digest);
        } catch (IOException e) { // gone (NoSuchFileException) or unreadable: served without a digest
            return Optional.empty();
        }
    }

    private static byte[] sha256(Path file) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return md.digest();
    }
}
