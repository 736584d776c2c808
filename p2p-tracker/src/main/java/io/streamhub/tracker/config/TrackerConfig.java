package io.streamhub.tracker.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamhub.shared.net.TrustedProxies;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Tracker settings ({@code tracker.*}); docs/configuration.md lists them with their reasons. */
@ConfigMapping(prefix = "tracker")
public interface TrackerConfig {

    /** Re-announce interval told to clients (the reference server's WebSocket default). */
    @WithDefault("120s")
    Duration announceInterval();

    /** Offers relayed per announce; further offers in the same message are ignored. */
    @WithDefault("10")
    int maxOffersPerAnnounce();

    /** Peers per swarm; announces beyond it are refused and those viewers stay on HTTP. */
    @WithDefault("20000")
    int maxPeersPerSwarm();

    /** Swarms (info_hashes, one per rendition) one connection may join. */
    @WithDefault("10")
    int maxSwarmsPerConnection();

    /** Sustained announces and scrapes per second per connection (answers are bounded by offers). */
    @WithDefault("5")
    double announcesPerSecond();

    /** Burst allowance on top of the rate: a player joining several renditions at once. */
    @WithDefault("20")
    int announceBurst();

    /** A peer or connection silent for this long is dropped (P2P Media Loader never sends stopped). */
    @WithDefault("5m")
    Duration idleTimeout();

    /** How long a relayed offer may be answered (the bittorrent-tracker client gives up after 50 s). */
    @WithDefault("50s")
    Duration offerTtl();

    /** Offers remembered per peer awaiting its answer; the oldest is forgotten first. */
    @WithDefault("64")
    int maxPendingOffersPerPeer();

    /**
     * Open WebSocket connections per process. At the cap a new address gets in by closing the oldest
     * connection of the address holding the most, when that is more than its fair share; else 503.
     */
    @WithDefault("50000")
    int maxConnections();

    /**
     * Proxies (addresses or CIDR ranges) whose forwarding header names the viewer; empty: none, and
     * every viewer is the address it connects from. The chart sets where its Gateway or ingress runs.
     */
    Optional<List<String>> trustedProxies();

    /** The forwarding header the trusted proxies write: {@code x-forwarded-for} or {@code forwarded} (RFC 7239). */
    @WithDefault("x-forwarded-for")
    TrustedProxies.Header forwardedHeader();

    PerAddress perAddress();

    /** Bytes queued to one connection but not yet written; beyond it the slow reader is dropped. */
    @WithDefault("262144")
    int maxPendingBytes();

    /** How often silent peers and expired state are swept. */
    @WithDefault("10s")
    Duration sweepInterval();

    Ws ws();

    Locality locality();

    /**
     * What one client address may hold: an IPv4 address, or an IPv6 /64 (one subscriber's usual
     * allocation). Sized for carrier-grade NAT, where hundreds of viewers share one address
     * (docs/configuration.md says why these numbers).
     */
    interface PerAddress {
        /** Open connections from one address; further upgrades get 429. */
        @WithDefault("256")
        int maxConnections();

        /** Sustained announces and scrapes per second from all connections of one address. */
        @WithDefault("64")
        double announcesPerSecond();

        /** Burst on top of that rate: a crowd behind one address joining at once. */
        @WithDefault("512")
        int announceBurst();
    }

    /**
     * Offers go first to peers near the announcer: the same network prefix, then the same zone
     * (docs/architecture.md, "Peers matched by locality").
     */
    interface Locality {
        /** Off: offers go to random peers as before (the offer counter still says how many were near). */
        @WithDefault("true")
        boolean enabled();

        /** Leading bits of an IPv4 address that make its network (0: IPv4 prefixes are not compared). */
        @WithDefault("24")
        int ipv4Prefix();

        /** Leading bits of an IPv6 address that make its network, at most 64 (0: not compared). */
        @WithDefault("48")
        int ipv6Prefix();

        /**
         * Request header of the WebSocket upgrade naming the viewer's zone, set by a CDN or load
         * balancer (config-service reads the same one, streamhub.config.viewer-zone-header).
         */
        @WithDefault("X-Viewer-Zone")
        String zoneHeader();
    }

    /** The WebSocket listener: its own port, apart from health and metrics on {@code quarkus.http.port}. */
    interface Ws {
        @WithDefault("0.0.0.0")
        String host();

        /** {@code 0} picks a free port (tests). */
        @WithDefault("8084")
        int port();

        /** Largest frame and message accepted; a bigger one closes the connection (1009) before it is buffered. */
        @WithDefault("65536")
        int maxMessageSize();

        /** A quiet connection (no frame from the client for this long) gets a ping, to keep proxies from timing it out. */
        @WithDefault("30s")
        Duration pingInterval();

        /**
         * Event-loop threads of the listener. One by default: a relay then never crosses threads
         * (15 % less CPU per response than two, measured), and one loop carries ~25,000 frames/s;
         * pods scale out by URL. Raise it for a single stream beyond that.
         */
        @WithDefault("1")
        int eventLoops();

        /** Time a new TCP connection has to complete its upgrade request. */
        @WithDefault("10s")
        Duration handshakeTimeout();
    }
}
