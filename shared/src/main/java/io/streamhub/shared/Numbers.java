package io.streamhub.shared;

/** Numbers read from what others wrote (a Redis hash, a header, a playlist tag): one that is absent or unreadable is {@code fallback}. */
public final class Numbers {

    private Numbers() {
    }

    public static long parseLong(String s, long fallback) {
        try {
            return s == null ? fallback : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    public static int parseInt(String s, int fallback) {
        try {
            return s == null ? fallback : Integer.parseInt(s);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
