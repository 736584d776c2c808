package io.streamhub.tracker.protocol;

/** The two actions a WebSocket tracker serves. */
public enum Action {
    ANNOUNCE("announce"),
    SCRAPE("scrape");

    private final String wire;

    Action(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static Action fromWire(String value) {
        for (Action a : values()) {
            if (a.wire.equals(value)) {
                return a;
            }
        }
        return null;
    }
}
