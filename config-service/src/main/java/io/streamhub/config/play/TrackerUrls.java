package io.streamhub.config.play;

import io.streamhub.shared.AnnouncePath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import java.util.zip.CRC32;

/**
 * Where a viewer announces for one swarm (shard) of a room: {@code <tracker base>/<app>/<room>[/<shard>]}.
 * When the installation's own tracker runs as {@code pods} stable pods behind a Gateway API route per
 * pod ({@code tracker-pods}), the path also carries {@code /t/<i>}, so each swarm lives on exactly one pod.
 * Shard {@code k} of a room goes to pod {@code (h + k) mod P}, {@code h} the CRC32 of {@code <app>/<room>}
 * ({@link #podOf}): a room's shards take consecutive pods, so no pod holds more than ⌈K/P⌉ of its K.
 */
final class TrackerUrls {

    private TrackerUrls() {
    }

    static String announce(String base, String app, String room, OptionalInt shard, int pods) {
        String b = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
        String swarm = new AnnouncePath(app, room, shard).swarmPath();
        if (pods <= 0) {
            return b + '/' + swarm;
        }
        URI uri = URI.create(b);
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/t/" + podOf(app, room, shard.orElse(0), pods) + uri.getRawPath() + '/' + swarm;
    }

    /**
     * The pod that holds shard {@code shard} (0 for an unsharded room) of a room: {@code (h + shard) mod pods},
     * {@code h} the CRC32 of {@code <app>/<room>}. Stable for as long as the number of pods is; an unsharded
     * room keeps the pod that the earlier CRC32-of-the-swarm-path rule gave it.
     */
    static int podOf(String app, String room, int shard, int pods) {
        CRC32 crc = new CRC32();
        crc.update((app + '/' + room).getBytes(StandardCharsets.UTF_8));
        return (int) ((crc.getValue() % pods + shard) % pods);
    }
}
