package io.streamhub.shared;

import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tracker's WebSocket path, as the playback API hands it out and the tracker accepts it:
 * {@code [/t/<pod>]/announce/<app>/<room>[/<shard>]}.
 * <ul>
 * <li>{@code <shard>} (0–{@value #MAX_SHARDS}-1) splits one room's swarm so that a six-figure audience
 *     spans several tracker pods; a viewer keeps one shard. Absent for an unsharded room.</li>
 * <li>{@code /t/<pod>} is a routing prefix: a Gateway API route sends {@code /t/<i>} to tracker pod
 *     {@code i} without rewriting the URL (rewrites are only Extended support), so the tracker accepts
 *     any pod prefix and ignores it.</li>
 * </ul>
 */
public record AnnouncePath(String app, String room, OptionalInt shard) {

    public static final String ANNOUNCE = "/announce/";
    public static final int MAX_SHARDS = 64;
    private static final Pattern PATH = Pattern.compile("^(?:/t/[0-9]{1,4})?/announce/([^/]+)/([^/]+)(?:/([0-9]{1,2}))?$");

    public AnnouncePath {
        HlsNames.requireName("app", app);
        HlsNames.requireName("room", room);
        if (shard.isPresent() && (shard.getAsInt() < 0 || shard.getAsInt() >= MAX_SHARDS)) {
            throw new IllegalArgumentException("shard must be 0.." + (MAX_SHARDS - 1));
        }
    }

    /** The path of a request (no query), or {@code null} when it is not an announce path with valid names. */
    public static AnnouncePath parse(String path) {
        Matcher m = path == null || path.length() > 200 ? null : PATH.matcher(path);
        if (m == null || !m.matches() || !HlsNames.isValidName(m.group(1)) || !HlsNames.isValidName(m.group(2))) {
            return null;
        }
        OptionalInt shard = m.group(3) == null ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(m.group(3)));
        if (shard.isPresent() && shard.getAsInt() >= MAX_SHARDS) {
            return null;
        }
        return new AnnouncePath(m.group(1), m.group(2), shard);
    }

    /** {@code <app>/<room>[/<shard>]}: what follows a tracker base ({@code …/announce}) and names the swarm. */
    public String swarmPath() {
        return app + '/' + room + (shard.isPresent() ? "/" + shard.getAsInt() : "");
    }
}
