package io.streamhub.tracker.protocol;

/** The announce {@code event}; a missing one, {@code update} and {@code none} are all a plain re-announce. */
public enum AnnounceEvent {
    NONE,
    STARTED,
    STOPPED,
    COMPLETED;

    static AnnounceEvent fromWire(String value) {
        return switch (value) {
            case "", "none", "update" -> NONE;
            case "started" -> STARTED;
            case "stopped" -> STOPPED;
            case "completed" -> COMPLETED;
            default -> null;
        };
    }
}
