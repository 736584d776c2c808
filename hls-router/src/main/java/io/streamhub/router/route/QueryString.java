package io.streamhub.router.route;

import java.util.Arrays;

/**
 * What the router makes of a query string on an HLS URL: nothing. CDN token authentication, cache
 * busters and analytics parameters are accepted and ignored — an object is named by its path
 * alone, so the query is never part of a cache key and never sent upstream or near the disk. A
 * query is still refused when it is malformed or hostile (control characters, a path traversal,
 * an absurd length), since nothing legitimate sends one and the access log would carry it.
 */
final class QueryString {

    /** Longer than any CDN token; a larger one is abuse. */
    static final int MAX_LENGTH = 2048;

    private QueryString() {
    }

    /** Why this raw (still percent-encoded) query is refused, or {@code null} when it is merely ignored. */
    static String problem(String raw) {
        if (raw.length() > MAX_LENGTH) {
            return "query string longer than " + MAX_LENGTH + " characters";
        }
        StringBuilder decoded = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length() || Character.digit(raw.charAt(i + 1), 16) < 0 || Character.digit(raw.charAt(i + 2), 16) < 0) {
                    return "malformed percent-encoding in the query string";
                }
                c = (char) Integer.parseInt(raw, i + 1, i + 3, 16);
                i += 2;
            } else if (c == '+') {
                c = ' ';
            }
            if (c < 0x20 || c == 0x7f) {
                return "control characters in the query string";
            }
            decoded.append(c);
        }
        String d = decoded.toString().replace('\\', '/');
        boolean traversal = d.contains("../") || d.contains("/..") || Arrays.asList(d.split("[&=]")).contains("..");
        return traversal ? "path traversal in the query string" : null;
    }
}
