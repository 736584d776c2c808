package io.streamhub.egress.rooms;

/** A room's egress status in {@code sh:room:<app>:<room>}. */
public enum RoomStatus {
    /** Waiting for its first published track (start-on track). */
    WAITING,
    /** Egress requested, not all renditions producing yet. */
    STARTING,
    /** Every rendition's egress is producing. */
    LIVE,
    /** Starting failed {@code max-attempts} times in a row; an operator can force a restart. */
    FAILED,
    /** The room finished (or its app no longer distributes it); kept for a grace period. */
    ENDED;

    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static RoomStatus fromWire(String s) {
        return s == null ? null : valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
