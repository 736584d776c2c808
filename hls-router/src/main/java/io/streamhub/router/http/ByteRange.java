package io.streamhub.router.http;

/**
 * A single satisfiable byte range of RFC 9110 §14. Multiple ranges are answered with the whole
 * object (allowed by the RFC, and no HLS client asks for them).
 */
public record ByteRange(long start, long end) {

    /** Marker for a syntactically valid range that lies outside the object: 416. */
    public static final ByteRange UNSATISFIABLE = new ByteRange(-1, -1);

    public long length() {
        return end - start + 1;
    }

    /**
     * Parses a {@code Range} header against an object of {@code size} bytes.
     * Returns {@code null} when the header is absent, malformed or multi-range (serve 200),
     * {@link #UNSATISFIABLE} for a range that cannot be served (416).
     */
    public static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=")) {
            return null;
        }
        String spec = header.substring(6).trim();
        if (spec.indexOf(',') >= 0) {
            return null;
        }
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).trim();
            String last = spec.substring(dash + 1).trim();
            if (first.isEmpty()) {
                if (last.isEmpty()) {
                    return null;
                }
                long suffix = Long.parseLong(last);
                if (suffix < 0) {
                    return null;
                }
                if (suffix == 0 || size == 0) {
                    return UNSATISFIABLE;
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? Long.MAX_VALUE : Long.parseLong(last);
            if (start < 0 || end < start) {
                return null;
            }
            if (start >= size) {
                return UNSATISFIABLE;
            }
            return new ByteRange(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
