package io.streamhub.tracker.swarm;

/** How near an offer's target is to the offering peer: the {@code match} tag of the offer counter. */
public enum OfferMatch {
    /** The same network prefix. */
    PREFIX("prefix"),
    /** Another prefix, the same zone. */
    ZONE("zone"),
    /** Neither (or either unknown). */
    OTHER("other");

    private final String tag;

    OfferMatch(String tag) {
        this.tag = tag;
    }

    public String tag() {
        return tag;
    }
}
