package io.streamhub.shared;

/** One room of one app: the unit of ownership, egress and swarms. */
public record RoomId(String app, String room) {

    public RoomId {
        HlsNames.requireName("app", app);
        HlsNames.requireName("room", room);
    }

    /** The LiveKit room name for this room: {@code <app><separator><room>} (the separator is configurable, default ':'). */
    public String livekitRoomName(String separator) {
        return app + separator + room;
    }

    /** The room of a LiveKit room name {@code <app><separator><room>}, or {@code null} if it is not one of ours. */
    public static RoomId fromLivekitRoomName(String name, String separator) {
        if (name == null) {
            return null;
        }
        int i = name.indexOf(separator);
        if (i <= 0) {
            return null;
        }
        String app = name.substring(0, i);
        String room = name.substring(i + separator.length());
        return HlsNames.isValidName(app) && HlsNames.isValidName(room) ? new RoomId(app, room) : null;
    }

    @Override
    public String toString() {
        return app + '/' + room;
    }
}
