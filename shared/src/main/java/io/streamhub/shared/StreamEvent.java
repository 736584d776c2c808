package io.streamhub.shared;

import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * A message on the {@code <prefix>events} channel (docs/architecture.md, "Redis keys and events"). Readers use it only to invalidate
 * caches, so an unknown type is ignored rather than rejected.
 *
 * @param app      may be {@code null} (e.g. {@code node.down})
 * @param room     may be {@code null}
 * @param node     may be {@code null}
 * @param revision may be {@code null} (only {@code config.changed} carries it)
 */
public record StreamEvent(String type, String app, String room, String node, String revision) {

    public static final String ORIGIN_CLAIMED = "origin.claimed";
    public static final String ORIGIN_RELEASED = "origin.released";
    public static final String ROOM_ENDED = "room.ended";
    public static final String CONFIG_CHANGED = "config.changed";
    public static final String NODE_DOWN = "node.down";

    public static StreamEvent originClaimed(RoomId room, String node) {
        return new StreamEvent(ORIGIN_CLAIMED, room.app(), room.room(), node, null);
    }

    public static StreamEvent originReleased(RoomId room, String node) {
        return new StreamEvent(ORIGIN_RELEASED, room.app(), room.room(), node, null);
    }

    public static StreamEvent nodeDown(String node) {
        return new StreamEvent(NODE_DOWN, null, null, node, null);
    }

    public String toJson() {
        JsonObject json = new JsonObject().put("type", type);
        putIfPresent(json, "app", app);
        putIfPresent(json, "room", room);
        putIfPresent(json, "node", node);
        putIfPresent(json, "revision", revision);
        return json.encode();
    }

    /** Parses a message; {@code null} when it is not a JSON object with a string {@code type}. */
    public static StreamEvent fromJson(String message) {
        try {
            JsonObject json = new JsonObject(message);
            Object type = json.getValue("type");
            if (!(type instanceof String t)) {
                return null;
            }
            return new StreamEvent(t, string(json, "app"), string(json, "room"), string(json, "node"),
                    string(json, "revision"));
        } catch (DecodeException | ClassCastException e) {
            return null;
        }
    }

    /** The room this event is about, or {@code null} when it names none (or names an invalid one). */
    public RoomId roomId() {
        return HlsNames.isValidName(app) && HlsNames.isValidName(room) ? new RoomId(app, room) : null;
    }

    private static String string(JsonObject json, String key) {
        Object v = json.getValue(key);
        return v instanceof String s ? s : null;
    }

    private static void putIfPresent(JsonObject json, String key, String value) {
        if (value != null) {
            json.put(key, value);
        }
    }
}
