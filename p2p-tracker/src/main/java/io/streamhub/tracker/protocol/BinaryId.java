package io.streamhub.tracker.protocol;

/**
 * The WebTorrent tracker's ids ({@code info_hash}, {@code peer_id}, {@code offer_id}): 20 bytes sent as
 * a JSON string of 20 characters U+0000–U+00FF, one per byte.
 */
public final class BinaryId {

    public static final int LENGTH = 20;

    private BinaryId() {
    }

    public static boolean isValid(String s) {
        if (s == null || s.length() != LENGTH) {
            return false;
        }
        for (int i = 0; i < LENGTH; i++) {
            if (s.charAt(i) > 0xFF) {
                return false;
            }
        }
        return true;
    }
}
