package io.streamhub.router.config;

/** What one router process does (docs/architecture.md, "Router roles"). Configured as {@code origin}, {@code master}, {@code edge}, {@code all-in-one}. */
public enum Role {
    /** Serves the HLS its node's egress writes to local disk, and claims those rooms in Redis. */
    ORIGIN,
    /** The CDN's origin: finds each room's owner in Redis and proxies through a shield cache. */
    MASTER,
    /** The same shield cache in front of one fixed upstream (a master), for regions without a CDN. */
    EDGE,
    /** Origin and master in one process: single-node installs and the local default. */
    ALL_IN_ONE;

    public boolean servesDisk() {
        return this == ORIGIN || this == ALL_IN_ONE;
    }

    public boolean proxies() {
        return this != ORIGIN;
    }

    /** Only the edge never talks to Redis: its upstream is fixed. */
    public boolean usesRedis() {
        return this != EDGE;
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
