package io.streamhub.shared;

/**
 * Who serves a room's HLS now ({@link RedisKeys#origin}): the origin router whose disk holds the room's
 * changing playlists claims it; the master routes by it and the operator page shows it. On the wire the
 * value is the node id itself.
 */
public record OriginClaim(RoomId room, String nodeId) {

    /** The claim a stored value makes, or {@code null} when there is none (missing or blank). */
    public static OriginClaim of(RoomId room, String value) {
        return value == null || value.isBlank() ? null : new OriginClaim(room, value);
    }
}
