package io.streamhub.shared.app;

import io.streamhub.shared.AnnouncePath;

/**
 * The one place per-app defaults live (documented in docs/app-config.md). {@link AppConfigJson}
 * applies them when it reads a document, so config-service's effective config and every reader's
 * view of a field the file left out are the same value.
 */
public final class AppDefaults {

    public static final int SEGMENT_SECONDS = 6;
    public static final int LIST_SIZE = 6;
    public static final String RENDITION = "720p";
    public static final EffectiveAppConfig.EgressKind EGRESS = EffectiveAppConfig.EgressKind.ROOM_COMPOSITE;
    public static final String CDN_PROVIDER = "bunny";
    public static final boolean SIGNED = false;
    /** How long a WebRTC viewer token is valid unless the file says ({@code webrtc.token_ttl}). */
    public static final String WEBRTC_TOKEN_TTL = "10m";
    /** The region of a push target that names none (what S3-compatible servers accept). */
    public static final String S3_REGION = "us-east-1";
    /**
     * Viewers per swarm shard when {@code swarm_shards: auto}: P2P needs ~10+ peers to pay, so a shard
     * is sized in thousands, half the tracker's default peers per swarm (20,000) for headroom.
     */
    public static final int VIEWERS_PER_SHARD = 10_000;

    private AppDefaults() {
    }

    /** {@code swarm_shards: auto}: one shard per {@link #VIEWERS_PER_SHARD} expected viewers, at least one. */
    public static int shardsFor(int expectedViewers) {
        int shards = (int) Math.ceil(expectedViewers / (double) VIEWERS_PER_SHARD);
        return Math.max(1, Math.min(shards, AnnouncePath.MAX_SHARDS));
    }

    /** P2P is on by default exactly in the modes built on it. */
    public static boolean p2pEnabled(EffectiveAppConfig.Mode mode) {
        return mode.usesP2p();
    }
}
