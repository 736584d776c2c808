package io.streamhub.tracker.protocol;

import java.nio.charset.StandardCharsets;

/**
 * A JSON value exactly as it arrived: a slice of the received frame's UTF-8 bytes. SDP objects are
 * relayed as these, never decoded to text and encoded again.
 */
public record RawJson(byte[] frame, int offset, int length) {

    /** The value as text (for tests and logs; the relay path copies bytes). */
    public String text() {
        return new String(frame, offset, length, StandardCharsets.UTF_8);
    }
}
