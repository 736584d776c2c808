package io.streamhub.router.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.streamhub.shared.SegmentDigest;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DigestTagsTest {

    static final byte[] A = filled(1);
    static final byte[] B = filled(2);

    static byte[] filled(int v) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) v);
        return b;
    }

    @Test
    void eachKnownSegmentGetsItsTagRightBeforeItsUri() {
        String in = "#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2.0,\na.ts\n#EXTINF:2.0,\nb.ts\n#EXTINF:2.0,\nc.ts\n";
        Map<String, byte[]> known = Map.of("a.ts", A, "b.ts", B);
        String out = DigestTags.apply(in, uri -> Optional.ofNullable(known.get(uri)));
        assertEquals("#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXT-X-MEDIA-SEQUENCE:7\n#EXTINF:2.0,\n"
                + SegmentDigest.line(A) + "\na.ts\n#EXTINF:2.0,\n" + SegmentDigest.line(B) + "\nb.ts\n#EXTINF:2.0,\nc.ts\n", out,
                "c.ts is unknown: no tag, so the player takes it over HTTP only");
    }

    @Test
    void digestTagsInTheInputAreNeverPassedOn() {
        String forged = SegmentDigest.line(B);
        String in = "#EXTM3U\n#EXTINF:2.0,\n" + forged + "\na.ts";
        String out = DigestTags.apply(in, uri -> Optional.of(A));
        assertEquals("#EXTM3U\n#EXTINF:2.0,\n" + SegmentDigest.line(A) + "\na.ts", out, "the newline count is kept as well");
    }

    @Test
    void theTagValueParsesBackAndRejectsJunk() {
        assertEquals(Optional.of("01".repeat(32)), SegmentDigest.valueOf(SegmentDigest.line(A)));
        assertEquals(Optional.empty(), SegmentDigest.valueOf(SegmentDigest.TAG + "xyz"));
        assertEquals(Optional.empty(), SegmentDigest.valueOf("#EXTINF:2.0,"));
    }
}
