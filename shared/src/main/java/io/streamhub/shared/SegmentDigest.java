package io.streamhub.shared;

import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The integrity contract between the origin and the player: every segment line of a served media
 * playlist is preceded by {@code #EXT-X-STREAMHUB-SHA256:<64 lowercase hex>}, the SHA-256 of the
 * segment's bytes. The playlist comes from the origin (through the CDN), so a viewer can check a
 * segment that a peer sent against it; players that do not know the tag ignore it (RFC 8216 §4.1).
 * The player's copy of this name is {@code player/src/integrity.js}.
 */
public final class SegmentDigest {

    /** The tag, without its value. */
    public static final String TAG = "#EXT-X-STREAMHUB-SHA256:";

    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    private SegmentDigest() {
    }

    /** The tag line for a digest. */
    public static String line(byte[] sha256) {
        if (sha256.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, not " + sha256.length);
        }
        return TAG + HexFormat.of().formatHex(sha256);
    }

    /** The hex digest a tag line carries, or empty when the line is not a well-formed tag. */
    public static Optional<String> valueOf(String line) {
        if (!line.startsWith(TAG)) {
            return Optional.empty();
        }
        String value = line.substring(TAG.length()).strip();
        return HEX.matcher(value).matches() ? Optional.of(value) : Optional.empty();
    }
}
