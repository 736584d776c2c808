package io.streamhub.shared;

import java.util.List;
import java.util.Map;

/**
 * What other services may read of a room's egress state hash ({@link RedisKeys#room}), which the
 * orchestrator writes: the field names have this one home, so the operator page reads what the
 * orchestrator wrote under the same names.
 *
 * @param status      the orchestrator's room status ({@code starting}, {@code live}, {@code failed}, …)
 * @param livekitNode the media node that hosts the room
 * @param egressIds   one LiveKit egress per rendition
 * @param lastError   why the last attempt failed, or empty
 * @param updatedAt   epoch millis of the last change
 * @param session     the room's current (or last) session, or empty in a record written before sessions
 */
public record RoomRecord(String app, String room, String status, String livekitNode, List<String> egressIds, String lastError,
                         long updatedAt, String session) {

    public static final String APP = "app";
    public static final String ROOM = "room";
    public static final String STATUS = "status";
    public static final String LIVEKIT_NODE = "livekitNode";
    public static final String EGRESS_IDS = "egressIds";
    public static final String LAST_ERROR = "lastError";
    public static final String UPDATED_AT = "updatedAt";
    /** The current session ({@link HlsLayout#session}): which live of the room the egress writes. */
    public static final String SESSION = "session";

    /** The record of a hash as the orchestrator wrote it, or {@code null} for one without a status. */
    public static RoomRecord of(Map<String, String> hash) {
        if (hash == null || hash.get(STATUS) == null || hash.get(APP) == null || hash.get(ROOM) == null) {
            return null;
        }
        String ids = hash.getOrDefault(EGRESS_IDS, "");
        return new RoomRecord(hash.get(APP), hash.get(ROOM), hash.get(STATUS), hash.getOrDefault(LIVEKIT_NODE, ""),
                ids.isEmpty() ? List.of() : List.of(ids.split(",")), hash.getOrDefault(LAST_ERROR, ""),
                Numbers.parseLong(hash.get(UPDATED_AT), 0),
                hash.getOrDefault(SESSION, ""));
    }
}
