package io.streamhub.router.config;

/**
 * What one router process does (docs/architecture.md, "Router roles"). Configured as {@code origin}, {@code master},
 * {@code edge}, {@code all-in-one}; read only by the role wiring, which turns it into tiers, and as a metric label.
 */
public enum Role {
    /** Serves the HLS its node's egress writes to local disk, and claims those rooms in Redis. */
    ORIGIN,
    /** The CDN's origin: finds each room's owner in Redis and proxies through a shield cache. */
    MASTER,
    /** The same shield cache in front of one fixed upstream (a master), for regions without a CDN. */
    EDGE,
    /** Origin and master in one process: single-node installs and the local default. */
    ALL_IN_ONE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
