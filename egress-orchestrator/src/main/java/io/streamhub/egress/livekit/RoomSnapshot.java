package io.streamhub.egress.livekit;

/** A room as LiveKit lists it. */
public record RoomSnapshot(String name, int publishers) {
}
