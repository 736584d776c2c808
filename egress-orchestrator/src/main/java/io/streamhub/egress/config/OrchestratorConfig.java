package io.streamhub.egress.config;

import io.streamhub.shared.HlsLayout;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Orchestrator settings ({@code orchestrator.*}); docs/configuration.md lists them with reasons. */
@ConfigMapping(prefix = "orchestrator")
public interface OrchestratorConfig {

    /** {@code livekit}: real egress through LiveKit; {@code simulated}: a looping test stream written locally. */
    @WithDefault("livekit")
    Driver driver();

    /** What starts a room's egress: the room itself, or its first published track. */
    @WithDefault("room-started")
    StartOn startOn();

    /** Separator between app and room in LiveKit room names ({@code <app>:<room>}). */
    @WithDefault(":")
    String roomNameSeparator();

    /** Level-triggered reconcile period. */
    @WithDefault("5s")
    Duration reconcileInterval();

    /** Lifetime of a room's lock; longer than one room's reconcile step can take. */
    @WithDefault("30s")
    Duration lockTtl();

    /** First retry delay after a failed start; doubles per attempt up to {@link #retryMax()}. */
    @WithDefault("2s")
    Duration retryInitial();

    @WithDefault("60s")
    Duration retryMax();

    /** Failed starts in a row before a room is marked failed (then retried on the long backoff below). */
    @WithDefault("8")
    int maxAttempts();

    /**
     * A failed room is tried again after this long, doubling per further failure up to
     * {@link #failedRetryMax()}: a LiveKit outage ends without an operator; an operator can still stop it.
     */
    @WithDefault("5m")
    Duration failedRetryInitial();

    @WithDefault("1h")
    Duration failedRetryMax();

    /** How long an ended room's state stays in Redis. */
    @WithDefault("10m")
    Duration endedTtl();

    /** How long a webhook id is remembered, so a retried delivery is applied once. */
    @WithDefault("10m")
    Duration webhookDedupTtl();

    /**
     * How long an operator's restart or stop waits for a room another step holds before answering
     * 409; shorter than {@link #lockTtl()} so a crashed holder surfaces as a conflict.
     */
    @WithDefault("10s")
    Duration adminLockWait();

    /** Bearer token for the admin API; the API is closed when unset. */
    Optional<String> adminToken();

    LiveKit livekit();

    Hls hls();

    Simulated simulated();

    Push push();

    interface LiveKit {
        /** Key and secret used for every node that sets none (from a Kubernetes Secret). */
        Optional<String> apiKey();

        Optional<String> apiSecret();

        /** Configured media nodes by id: {@code orchestrator.livekit.nodes.<id>.url} and optional key/secret. */
        Map<String, Node> nodes();

        /** Also use media nodes that heartbeat a {@code livekitUrl} into {@code sh:node:*}. */
        @WithDefault("true")
        boolean discover();

        /** Deadline of one LiveKit API call. */
        @WithDefault("5s")
        Duration timeout();
    }

    interface Node {
        String url();

        Optional<String> apiKey();

        Optional<String> apiSecret();
    }

    interface Hls {
        /** The egress's sliding-window playlist, which the origin router serves as index.m3u8. */
        @WithDefault(HlsLayout.LIVE_PLAYLIST)
        String livePlaylistName();
    }

    interface Push {
        /** Where the chart mounts the Secrets apps name in {@code push.s3.credentials_secret}, one folder each. */
        @WithDefault("/etc/streamhub/s3")
        String credentialsDir();
    }

    interface Simulated {
        /** Where the simulated egress writes {@code apps/<app>/hls/<room>/}: the origin router's data dir. */
        @WithDefault("data")
        String dataDir();

        /**
         * Segments kept per egress and listed by its recording playlist (older ones are deleted from
         * disk): the whole live up to this bound, for VOD after it (600 six-second segments: one hour).
         */
        @WithDefault("600")
        int keepSegments();

        /** Segments listed in the live playlist: the most any app's list_size asks for, the router cuts it. */
        @WithDefault("20")
        int liveWindow();

        /** LiveKit room names the simulation pretends are open (e.g. {@code classroom:lecture}). */
        Optional<java.util.List<String>> rooms();

        /**
         * Wall-clock time per shipped 2-s sample: a segment of the app's {@code segment_seconds} (whole
         * samples, at most the 12-s loop) appears every that many intervals (tests go faster).
         */
        @WithDefault("2s")
        Duration segmentInterval();
    }

    enum Driver { LIVEKIT, SIMULATED }

    enum StartOn { ROOM_STARTED, TRACK_PUBLISHED }
}
