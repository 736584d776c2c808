package io.streamhub.shared;

/** One room of one app: the unit of ownership, egress and swarms. */
public record RoomId(String app, String room) {

    public RoomId {
        HlsNames.requireName("app", app);
        HlsNames.requireName("room", room);
    }

    /** The LiveKit room name for this room: {@code <app><separator><room>} (design §4, default ':'). */
    public String livekitRoomName(String separator) {
        return app + separator + room;
    }

    @Override
    public String toString() {
        return app + '/' + room;
    }
}
