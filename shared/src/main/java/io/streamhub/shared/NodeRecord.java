package io.streamhub.shared;

import java.util.Map;

/**
 * A media node's record ({@link RedisKeys#node}), which its origin router writes every heartbeat: the
 * one encoder and decoder for the writer (the router) and the readers (the master for {@code hlsUrl},
 * the orchestrator for {@code livekitUrl}, config-service for {@code livekitPublicUrl}).
 *
 * @param hlsUrl           where other routers reach the node's origin router
 * @param livekitUrl       the node's LiveKit as the orchestrator reaches it (internal)
 * @param livekitPublicUrl the node's LiveKit as viewers' browsers reach it (WebRTC viewing); empty when not offered
 * @param startedAt        epoch millis the router started
 */
public record NodeRecord(String hlsUrl, String livekitUrl, String livekitPublicUrl, String zone, long startedAt) {

    public static final String HLS_URL = "hlsUrl";
    public static final String LIVEKIT_URL = "livekitUrl";
    public static final String LIVEKIT_PUBLIC_URL = "livekitPublicUrl";
    public static final String ZONE = "zone";
    public static final String STARTED_AT = "startedAt";

    public Map<String, String> toHash() {
        return Map.of(HLS_URL, hlsUrl, LIVEKIT_URL, livekitUrl, LIVEKIT_PUBLIC_URL, livekitPublicUrl, ZONE, zone,
                STARTED_AT, Long.toString(startedAt));
    }

    /**
     * The record of a hash, or {@code null} when there is none (the node's heartbeat expired). A missing
     * field reads as {@code null} and an unreadable {@code startedAt} as 0: each reader needs one field
     * and decides for itself what a missing or empty one means (a node without {@code hlsUrl} serves nothing).
     */
    public static NodeRecord of(Map<String, String> hash) {
        if (hash == null || hash.isEmpty()) {
            return null;
        }
        return new NodeRecord(hash.get(HLS_URL), hash.get(LIVEKIT_URL), hash.get(LIVEKIT_PUBLIC_URL), hash.get(ZONE),
                Numbers.parseLong(hash.get(STARTED_AT), 0));
    }
}
