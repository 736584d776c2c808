package io.streamhub.tracker.protocol;

/** Why the tracker said no; the tag is the {@code reason} label of the refusals metric. */
public enum Refusal {
    MALFORMED("malformed"),
    RATE_LIMITED("rate_limited"),
    UNKNOWN_APP("unknown_app"),
    P2P_DISABLED("p2p_disabled"),
    ORIGIN_NOT_ALLOWED("origin_not_allowed"),
    CONFIG_UNAVAILABLE("config_unavailable"),
    SWARM_FULL("swarm_full"),
    TOO_MANY_SWARMS("too_many_swarms"),
    PEER_ID_TAKEN("peer_id_taken"),
    NOT_IN_SWARM("not_in_swarm"),
    UNKNOWN_OFFER("unknown_offer"),
    SLOW_READER("slow_reader"),
    IDLE("idle"),
    CONNECTION_LIMIT("connection_limit"),
    /** An upgrade from an address that holds its share of connections already (429). */
    ADDRESS_LIMIT("address_limit"),
    /** An announce over the rate all connections of its address may send together. */
    ADDRESS_RATE_LIMITED("address_rate_limited"),
    /** A connection closed at the global cap to let a new address in: its address held more than its fair share. */
    EVICTED("evicted"),
    BAD_PATH("bad_path"),
    BAD_SHARD("bad_shard");

    private final String tag;

    Refusal(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }

    /** The failure reason a client sees for an app-level refusal. */
    public String message(String app) {
        return switch (this) {
            case UNKNOWN_APP -> "unknown app " + app;
            case P2P_DISABLED -> "p2p is disabled for app " + app;
            case ORIGIN_NOT_ALLOWED -> "origin not allowed for app " + app;
            case CONFIG_UNAVAILABLE -> "config of app " + app + " is unavailable; retry later";
            default -> tag;
        };
    }
}
