package io.streamhub.router.playlist;

import io.streamhub.shared.SegmentDigest;
import java.util.Optional;
import java.util.function.Function;

/**
 * Puts a {@link SegmentDigest} tag before every segment line of a media playlist, from what
 * {@code digestOf} knows of the segment's URI; a segment it knows nothing of goes out without one
 * (the player then takes it from HTTP only). Digest tags already in the text are dropped first:
 * only the origin's own hashes are ever served.
 */
public final class DigestTags {

    private DigestTags() {
    }

    public static String apply(String playlist, Function<String, Optional<byte[]>> digestOf) {
        StringBuilder out = new StringBuilder(playlist.length() + 1024);
        for (String raw : playlist.split("\n", -1)) {
            String line = raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw;
            if (line.startsWith(SegmentDigest.TAG)) {
                continue;
            }
            if (!line.isBlank() && !line.startsWith("#")) {
                digestOf.apply(line.strip()).ifPresent(d -> out.append(SegmentDigest.line(d)).append('\n'));
            }
            out.append(line).append('\n');
        }
        out.setLength(out.length() - 1); // one '\n' per split piece is one more than the text had
        return out.toString();
    }
}
