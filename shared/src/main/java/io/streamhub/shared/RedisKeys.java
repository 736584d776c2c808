package io.streamhub.shared;

/** The Redis key schema (docs/architecture.md, "Redis keys and events"), under a configurable prefix (default {@code sh:}). */
public final class RedisKeys {

    public static final String DEFAULT_PREFIX = "sh:";

    private final String prefix;

    public RedisKeys(String prefix) {
        this.prefix = prefix == null ? DEFAULT_PREFIX : prefix;
    }

    public String prefix() {
        return prefix;
    }

    /** Hash of a live media node ({@link NodeRecord}: {@code hlsUrl livekitUrl livekitPublicUrl zone startedAt}). */
    public String node(String nodeId) {
        return prefix + "node:" + nodeId;
    }

    /** Pattern matching every node record, for discovery. */
    public String nodePattern() {
        return prefix + "node:*";
    }

    /** String {@code <nodeId>}: who serves this room's HLS now. */
    public String origin(RoomId room) {
        return prefix + "origin:" + room.app() + ':' + room.room();
    }

    /**
     * Hash of where a live playlist's public numbering stands across egress restarts (the origin
     * router's; {@code _} stands for the room's own playlist, which no rendition name can be).
     */
    public String sequence(RoomId room, String rendition) {
        return prefix + "seq:" + room.app() + ':' + room.room() + ':' + (rendition == null ? "_" : rendition);
    }

    /**
     * Hash of a room's recorded sessions on disk, {@code <session>} → the node id of the origin that
     * holds the recording (written by that origin while it holds it, level-triggered), so the master
     * finds a session's VOD after the room's live claim has lapsed or moved to another node. Expires
     * with the app's VOD retention.
     */
    public String sessions(RoomId room) {
        return prefix + "sessions:" + room.app() + ':' + room.room();
    }

    /** Hash of the room's egress state. */
    public String room(RoomId room) {
        return prefix + "room:" + room.app() + ':' + room.room();
    }

    /** Pattern matching every room state hash, for the reconcile loop. */
    public String roomPattern() {
        return prefix + "room:*";
    }

    /** Marker that a LiveKit webhook with this id was applied (retried deliveries are dropped). */
    public String webhookSeen(String webhookId) {
        return prefix + "webhook:" + webhookId;
    }

    /** Lock so that one orchestrator replica acts on a room at a time. */
    public String egressLock(RoomId room) {
        return prefix + "lock:egress:" + room.app() + ':' + room.room();
    }

    /** Sorted set of the WebRTC viewer tokens handed out for a room, scored by expiry (epoch millis): the per-room cap. */
    public String webrtcRoomTokens(RoomId room) {
        return prefix + "webrtc:room:" + room.app() + ':' + room.room();
    }

    /** The same for one client address in a room: the per-address cap. */
    public String webrtcAddressTokens(RoomId room, String address) {
        return webrtcRoomTokens(room) + ':' + address;
    }

    /** The same for every room on one media node: the per-node cap. */
    public String webrtcNodeTokens(String nodeId) {
        return prefix + "webrtc:node:" + nodeId;
    }

    /** Effective per-app config as JSON. */
    public String config(String app) {
        return prefix + "config:" + app;
    }

    /** The Git revision the effective config came from. */
    public String configRevision() {
        return prefix + "config:revision";
    }

    /** JSON {@link io.streamhub.shared.app.AppIndex}: which apps exist, rewritten on every config-service poll. */
    public String appIndex() {
        return prefix + "apps";
    }

    /** Pub/sub channel for cache invalidation events. */
    public String events() {
        return prefix + "events";
    }
}
