package io.streamhub.egress.driver;

/** An egress as LiveKit lists it: its room, id, whether it is already producing, and its segment prefix. */
public record EgressSnapshot(String roomName, String egressId, boolean active, String filenamePrefix, long startedAtMillis) {
}
