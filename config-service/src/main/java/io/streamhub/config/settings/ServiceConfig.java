package io.streamhub.config.settings;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamhub.shared.net.TrustedProxies;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** config-service settings ({@code streamhub.config.*} / {@code STREAMHUB_CONFIG_*}); defaults in docs/configuration.md. */
@ConfigMapping(prefix = "streamhub.config")
public interface ServiceConfig {

    /** Where app files come from: {@code folder} (a mounted ConfigMap) or {@code git}. */
    @WithDefault("folder")
    SourceKind source();

    /** The folder of {@code <app>.yaml} files (folder source). */
    @WithDefault("examples/apps")
    Path folder();

    Git git();

    /** Safety-net poll: also catches changes a file watcher misses (and drives the Git source). */
    @WithDefault("5s")
    Duration pollInterval();

    /** Base URL of the public HLS router (or its CDN-less ingress), for playlist URLs when no CDN is set. */
    @WithDefault("http://127.0.0.1:8080")
    String publicHlsUrl();

    /** Base URL of this service as viewers reach it, for {@code playUrl}. */
    @WithDefault("http://127.0.0.1:8081")
    String publicUrl();

    /** Tracker announce base used when an app lists no trackers of its own. */
    @WithDefault("ws://127.0.0.1:8084/announce")
    String defaultTrackerUrl();

    /**
     * The installation's tracker as that many stable pods, each behind its own Gateway API route
     * {@code /t/<i>}: each swarm's announce URL then names the pod that holds it. 0: one route for all
     * (an Ingress hashing the URI, or a single pod). The chart sets it from tracker.replicas.
     */
    @WithDefault("0")
    int trackerPods();

    /**
     * The installation's tracker as pods each reachable at its own announce base URL ({@code ws://} or
     * {@code wss://}, e.g. one per local tracker process), in pod order: each swarm's announce URL is
     * then {@code <url of its pod>/<app>/<room>[/<shard>]}, and {@link #defaultTrackerUrl()} is not used.
     * The alternative to {@link #trackerPods()}; setting both stops the service at startup.
     */
    Optional<List<String>> trackerPodUrls();

    /** Rooms with a per-room offload counter; further rooms count together as {@code room="_other"}. */
    @WithDefault("200")
    int roomMetricsMax();

    /** Player reports accepted per second from one address (many viewers may share it behind a NAT). */
    @WithDefault("20")
    int reportsPerAddressPerSecond();

    /**
     * Proxies (addresses or CIDR ranges) whose forwarding header names the caller, for the per-address
     * limits; empty: none, and every caller is the address it connects from. The chart sets where its
     * Gateway or ingress runs.
     */
    Optional<List<String>> trustedProxies();

    /** The forwarding header the trusted proxies write: {@code x-forwarded-for} or {@code forwarded} (RFC 7239). */
    @WithDefault("x-forwarded-for")
    TrustedProxies.Header forwardedHeader();

    /**
     * STUN (or TURN) servers for apps whose file lists no {@code ice_servers}; without any, viewers behind
     * home NATs never connect to each other. An app that sets {@code ice_servers: []} gets none; the
     * value {@code none} gives apps no default (closed networks).
     */
    @WithDefault("stun:stun.l.google.com:19302,stun:stun.cloudflare.com:3478")
    List<String> defaultIceServers();

    /**
     * A file where every applied config is kept (revision and effective configs), so a restart on an
     * invalid head has a last good config even when Redis lost it; unset keeps none.
     */
    Optional<java.nio.file.Path> lastGoodFile();

    /** How many earlier Git commits a start on an invalid head tries, newest first, when Redis and the file have nothing. */
    @WithDefault("50")
    int historyDepth();

    /** Bearer token required by endpoints that change state; unset means they are disabled. */
    Optional<String> adminToken();

    /** Price table for estimates: USD per GB by provider as volume tiers (defaults in application.properties). */
    Map<String, String> pricePerGb();

    /** USD per 10,000 HTTPS requests by provider. */
    Map<String, Double> pricePer10kRequests();

    /**
     * The request header a CDN or load balancer puts the viewer's zone in; edge mode then picks an
     * edge of that zone. A {@code zone} query parameter on the playback request wins over it.
     */
    @WithDefault("X-Viewer-Zone")
    String viewerZoneHeader();

    /**
     * The key that signs viewer tickets (playback hands one to each viewer: its WebRTC slot and its
     * reports), the same on every replica (the chart's Secret). Unset: a random key per process, which
     * is right for one replica only (it says so at start).
     */
    Optional<String> signingKey();

    /** How long a viewer ticket lets its viewer report; each accepted report hands over a fresh one. */
    @WithDefault("10m")
    Duration viewerTicketTtl();

    EdgeProbe edgeProbe();

    Webrtc webrtc();

    enum SourceKind { FOLDER, GIT }

    /** WebRTC viewing (apps with {@code webrtc.enabled}): tokens for the room's media node, within caps. */
    interface Webrtc {
        /** The LiveKit API key viewer tokens are signed for (from a Secret); unset: no WebRTC viewing. */
        Optional<String> apiKey();

        /** Its secret (from a Secret). */
        Optional<String> apiSecret();

        /** Tokens valid at once for one room; past it, viewers get HLS only. */
        @WithDefault("300")
        int maxPerRoom();

        /**
         * Tokens valid at once for all rooms of one media node: a node serves roughly 300–400
         * WebRTC viewers at 2.5 Mbit/s on 1 Gbit/s (docs/modes.md).
         */
        @WithDefault("350")
        int maxPerNode();

        /** Slots held at once from one client address in one room (many viewers may share an address behind a NAT). */
        @WithDefault("20")
        int maxPerAddress();

        /** Between app and room in LiveKit room names; the same as the orchestrator's. */
        @WithDefault(":")
        String roomSeparator();
    }

    /** How edge-mode edges are checked before viewers are sent to them ({@code EdgeHealth}). */
    interface EdgeProbe {
        /** Between probes of every edge; 0 turns probing off (every edge counts as up). */
        @WithDefault("10s")
        Duration interval();

        /** A probe not answered within this fails. */
        @WithDefault("2s")
        Duration timeout();
    }

    interface Git {
        /** Repository to clone, e.g. {@code https://git.example.com/ops/streamhub-apps.git}. */
        Optional<String> uri();

        @WithDefault("main")
        String branch();

        /** Folder inside the repository holding the app files. */
        @WithDefault("apps")
        String path();

        /** Where the clone lives. */
        @WithDefault("${java.io.tmpdir}/streamhub-config-git")
        Path checkout();

        /** HTTPS credentials (a token as password works for most hosts). */
        Optional<String> username();

        Optional<String> password();
    }
}
