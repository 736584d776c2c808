package io.streamhub.router.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.streamhub.router.playlist.Playlists;
import io.streamhub.shared.HlsLayout;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Everything an operator can set on the router. Defaults are the documented ones
 * (docs/configuration.md); each is a property {@code router.*} or an env var {@code ROUTER_*}.
 */
@ConfigMapping(prefix = "router")
public interface RouterConfig {

    /** origin | master | edge | all-in-one. */
    @WithDefault("all-in-one")
    Role role();

    /** This node's id in Redis; defaults to the host name (the pod or node name on Kubernetes). */
    Optional<String> nodeId();

    /** Zone advertised in the node record. */
    @WithDefault("default")
    String zone();

    /** The LiveKit URL of this media node, advertised in the node record for the orchestrator. */
    Optional<String> livekitUrl();

    /**
     * This media node's LiveKit as viewers' browsers reach it ({@code wss://…}), advertised in the
     * node record so config-service can hand WebRTC viewers of its rooms this URL; unset offers none.
     */
    Optional<String> livekitPublicUrl();

    /** Where other routers reach this origin, e.g. {@code http://10.0.0.5:8080}; defaults to host name and HTTP port. */
    Optional<String> advertisedUrl();

    /**
     * Replaces the {@code Cache-Control} of every playlist this router sends, e.g. {@code no-cache}
     * for a CDN that must revalidate each poll. Unset: half the target duration (docs/architecture.md).
     */
    Optional<String> playlistCacheControl();

    /**
     * Rooms with their own series of the HLS bytes served ({@code streamhub_router_hls_bytes_total});
     * later rooms count as {@code room="_other"}. A room is named only once a response of it succeeded,
     * so invented room names (404s) never take a place.
     */
    @WithDefault("2000")
    int roomMetricsMax();

    Origin origin();

    Proxy proxy();

    /** Origin protection: who may fetch {@code /hls} from this router (the CDN, not the world). */
    Protection protection();

    Upstream upstream();

    interface Origin {
        /** The shared HLS folder: the egress writes {@code <dataDir>/apps/<app>/hls/<room>/…}. */
        @WithDefault("data")
        Path dataDir();

        /** The egress's sliding-window playlist (LiveKit's {@code live_playlist_name}). */
        @WithDefault(HlsLayout.LIVE_PLAYLIST)
        String livePlaylistName();

        /** The public playlist name; it serves the live playlist cut to the app's {@code list_size}. */
        @WithDefault(HlsLayout.PUBLIC_PLAYLIST)
        String publicPlaylistName();

        /** {@code list_size} when the app has no config in Redis. */
        @WithDefault("6")
        int defaultListSize();

        /** How often the data folder is scanned for rooms whose playlists change. */
        @WithDefault("1s")
        Duration scanInterval();

        /** How often the recorded sessions on disk are advertised to the master ({@code <prefix>sessions:<app>:<room>}). */
        @WithDefault("10s")
        Duration sessionInterval();

        /** Target duration assumed until a playlist says otherwise. */
        @WithDefault("6s")
        Duration defaultTargetDuration();

        /** A room whose playlist has not changed for this many target durations is released. */
        @WithDefault("3")
        int stallTargets();

        /** Node record refresh; the record lives {@code 3 ×} this long. */
        @WithDefault("5s")
        Duration heartbeatInterval();

        /**
         * Whether served media playlists carry each segment's SHA-256 ({@code SegmentDigest}), which
         * players use to reject segments that peers tampered with.
         */
        @WithDefault("true")
        boolean segmentDigests();

        Retention retention();
    }

    /** What the origin deletes from its HLS folder (docs/architecture.md, "Disk retention"). */
    interface Retention {
        /** Off leaves every file the egress writes (then something else must clean the folder). */
        @WithDefault("true")
        boolean enabled();

        @WithDefault("30s")
        Duration sweepInterval();

        /** A segment no served playlist lists is kept at least this long, and at least two live windows. */
        @WithDefault("2m")
        Duration segmentGrace();

        /** A room whose playlists have not changed for this long is deleted whole. */
        @WithDefault("24h")
        Duration endedRoom();

        /**
         * Keep and serve each egress's recording playlist ({@code rec-<session>-g<n>.m3u8}) and every segment it
         * lists while the room is kept; off, the origin does not serve it and segments that only it
         * lists are deleted after the grace.
         */
        @WithDefault("false")
        boolean keepRecording();
    }

    interface Proxy {
        /** Segment bodies of the shield cache live here (tmpfs keeps them in RAM); emptied at start. */
        @WithDefault("${java.io.tmpdir}/streamhub-shield")
        Path cacheDir();

        /** Bytes the shield cache may hold (segment files plus playlists in memory), LRU beyond that. */
        @WithDefault("268435456")
        long cacheMaxBytes();

        /** Objects larger than this are passed on but not cached. */
        @WithDefault("33554432")
        int maxObjectBytes();

        /** Playlists are cached for half a target duration, never longer than this. */
        @WithDefault("3s")
        Duration playlistMaxTtl();

        /** How long an expired playlist may still be served while its upstream fails. */
        @WithDefault("10s")
        Duration staleIfError();

        /** How long "no such room / file" is remembered. */
        @WithDefault("1s")
        Duration negativeTtl();

        /** How long a resolved owner is trusted before Redis is asked again (events invalidate sooner). */
        @WithDefault("5s")
        Duration ownerTtl();

        /**
         * How long the last owner still answers for a room Redis has lost (a restart without
         * persistence), counted from the later of its last confirmation and Redis's return: the
         * origin writes its claim again within a heartbeat.
         */
        @WithDefault("15s")
        Duration lostStateGrace();

        /**
         * Rooms the owner directory keeps at most, in each of its two caches (owners, session holders);
         * the least used are forgotten first, which only means asking Redis again.
         */
        @WithDefault("200000")
        int directoryMaxRooms();

        /**
         * How long a streamed answer waits for a client whose write queue is full before it drops
         * that client (as nginx's {@code send_timeout}): the connection is reset and the chunks it
         * was owed are released. A viewer that far behind a live edge has fallen back anyway.
         */
        @WithDefault("20s")
        Duration sendTimeout();
    }

    interface Protection {
        /**
         * A shared secret the CDN adds to every origin request (in {@link #header()}); requests
         * without it get a 403. Unset: no token is asked for. Set it on the CDN's origin (master,
         * all-in-one), from a Secret.
         */
        Optional<String> token();

        /** The request header that carries {@link #token()}. */
        @WithDefault("X-StreamHub-Origin-Token")
        String header();

        /**
         * Addresses allowed to fetch, as CIDRs (the CDN's published ranges); empty: any. The peer is
         * the connection's, or the forwarded client when {@code quarkus.http.proxy.*} trusts a proxy.
         */
        Optional<List<String>> allowedCidrs();
    }

    interface Upstream {
        /** Edge role: the fixed upstream (a master or a CDN origin), e.g. {@code http://master:8080}. */
        Optional<String> url();

        /** Sent in {@code router.protection.header} on every upstream fetch: an edge's way past a protected master. */
        Optional<String> token();

        @WithDefault("1s")
        Duration connectTimeout();

        /** How long the upstream may stay silent: until its head (then a 504, or a stale copy), then between chunks. */
        @WithDefault("4s")
        Duration timeout();

        /** Connections per upstream node; one slow node cannot take another's. */
        @WithDefault("64")
        int maxConnectionsPerNode();
    }
}
