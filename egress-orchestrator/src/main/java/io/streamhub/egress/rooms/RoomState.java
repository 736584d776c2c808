package io.streamhub.egress.rooms;

import static io.streamhub.shared.Numbers.parseInt;
import static io.streamhub.shared.Numbers.parseLong;

import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.RoomRecord;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One room's egress state as kept in Redis. {@code session} names this live of the room
 * ({@link HlsLayout#session}, set when the room starts afresh) and {@code generation} counts egress
 * (re)starts within it; both go into segment names. {@code attempts} counts failed starts in a row,
 * {@code nextAttemptAt} is the backoff deadline.
 */
public record RoomState(
        RoomId room,
        String livekitNode,
        RoomStatus status,
        List<String> egressIds,
        int segmentSeconds,
        long updatedAt,
        int generation,
        int attempts,
        long nextAttemptAt,
        String lastError,
        String audioTrackId,
        String videoTrackId,
        String session) {

    /** A room starting afresh: a new session. */
    public static RoomState fresh(RoomId room, String node, RoomStatus status, long now) {
        return new RoomState(room, node, status, List.of(), 0, now, 0, 0, 0, "", "", "", HlsLayout.session(now));
    }

    /** The session a running egress writes, adopted when the state was rebuilt after Redis lost it. */
    public RoomState withSession(String s) {
        return s.equals(session) ? this
                : new RoomState(room, livekitNode, status, egressIds, segmentSeconds, updatedAt, generation, attempts, nextAttemptAt, lastError, audioTrackId, videoTrackId, s);
    }

    public RoomState with(RoomStatus s, long now) {
        return new RoomState(room, livekitNode, s, egressIds, segmentSeconds, now, generation, attempts, nextAttemptAt, lastError, audioTrackId, videoTrackId, session);
    }

    public RoomState withNode(String node, long now) {
        return new RoomState(room, node, status, egressIds, segmentSeconds, now, generation, attempts, nextAttemptAt, lastError, audioTrackId, videoTrackId, session);
    }

    public RoomState withEgress(List<String> ids, int segSeconds, long now) {
        return new RoomState(room, livekitNode, status, ids, segSeconds, now, generation, attempts, nextAttemptAt, lastError, audioTrackId, videoTrackId, session);
    }

    /** At least {@code seen}: a running egress adopted after the state was lost names its generation. */
    public RoomState withGenerationAtLeast(int seen) {
        return seen <= generation ? this
                : new RoomState(room, livekitNode, status, egressIds, segmentSeconds, updatedAt, seen, attempts, nextAttemptAt, lastError, audioTrackId, videoTrackId, session);
    }

    public RoomState nextGeneration(long now) {
        return new RoomState(room, livekitNode, status, egressIds, segmentSeconds, now, generation + 1, attempts, nextAttemptAt, lastError, audioTrackId, videoTrackId, session);
    }

    public RoomState failedAttempt(String error, long retryAt, long now) {
        return new RoomState(room, livekitNode, status, egressIds, segmentSeconds, now, generation, attempts + 1, retryAt, error, audioTrackId, videoTrackId, session);
    }

    public RoomState resetAttempts(long now) {
        return new RoomState(room, livekitNode, status, egressIds, segmentSeconds, now, generation, 0, 0, lastError, audioTrackId, videoTrackId, session);
    }

    public RoomState withTracks(String audio, String video, long now) {
        return new RoomState(room, livekitNode, status, egressIds, segmentSeconds, now, generation, attempts, nextAttemptAt, lastError,
                audio == null || audio.isEmpty() ? audioTrackId : audio, video == null || video.isEmpty() ? videoTrackId : video, session);
    }

    Map<String, String> toHash() {
        Map<String, String> h = new HashMap<>();
        h.put(RoomRecord.APP, room.app());
        h.put(RoomRecord.ROOM, room.room());
        h.put(RoomRecord.LIVEKIT_NODE, livekitNode == null ? "" : livekitNode);
        h.put(RoomRecord.STATUS, status.wire());
        h.put(RoomRecord.EGRESS_IDS, String.join(",", egressIds));
        h.put("segmentSeconds", Integer.toString(segmentSeconds));
        h.put(RoomRecord.UPDATED_AT, Long.toString(updatedAt));
        h.put("generation", Integer.toString(generation));
        h.put("attempts", Integer.toString(attempts));
        h.put("nextAttemptAt", Long.toString(nextAttemptAt));
        h.put(RoomRecord.LAST_ERROR, lastError == null ? "" : lastError);
        h.put("audioTrackId", audioTrackId == null ? "" : audioTrackId);
        h.put("videoTrackId", videoTrackId == null ? "" : videoTrackId);
        h.put(RoomRecord.SESSION, session);
        return h;
    }

    static RoomState fromHash(RoomId room, Map<String, String> h) {
        if (h == null || h.isEmpty() || h.get(RoomRecord.STATUS) == null) {
            return null;
        }
        String ids = h.getOrDefault(RoomRecord.EGRESS_IDS, "");
        return new RoomState(room, h.getOrDefault(RoomRecord.LIVEKIT_NODE, ""), RoomStatus.fromWire(h.get(RoomRecord.STATUS)),
                ids.isEmpty() ? List.of() : List.of(ids.split(",")),
                parseInt(h.get("segmentSeconds"), 0), parseLong(h.get(RoomRecord.UPDATED_AT), 0), parseInt(h.get("generation"), 0),
                parseInt(h.get("attempts"), 0), parseLong(h.get("nextAttemptAt"), 0), h.getOrDefault(RoomRecord.LAST_ERROR, ""),
                h.getOrDefault("audioTrackId", ""), h.getOrDefault("videoTrackId", ""),
                // A state written before sessions: its live gets one from its last change.
                HlsLayout.isSession(h.get(RoomRecord.SESSION)) ? h.get(RoomRecord.SESSION) : HlsLayout.session(parseLong(h.get(RoomRecord.UPDATED_AT), 0)));
    }
}
