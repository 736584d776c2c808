package io.streamhub.shared;

/**
 * The field names of a media node's record ({@link RedisKeys#node}), which its origin router
 * writes every heartbeat: one home for the writer (the router) and the readers (the master for
 * {@code hlsUrl}, the orchestrator for {@code livekitUrl}, config-service for {@code livekitPublicUrl}).
 */
public final class NodeRecord {

    /** Where other routers reach the node's origin router. */
    public static final String HLS_URL = "hlsUrl";
    /** The node's LiveKit as the orchestrator reaches it (internal). */
    public static final String LIVEKIT_URL = "livekitUrl";
    /** The node's LiveKit as viewers' browsers reach it (WebRTC viewing); empty when not offered. */
    public static final String LIVEKIT_PUBLIC_URL = "livekitPublicUrl";
    public static final String ZONE = "zone";
    public static final String STARTED_AT = "startedAt";

    private NodeRecord() {
    }
}
