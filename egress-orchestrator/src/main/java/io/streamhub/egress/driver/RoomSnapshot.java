package io.streamhub.egress.driver;

/** A room as LiveKit lists it. */
public record RoomSnapshot(String name, int publishers) {
}
