package io.streamhub.config.play;

import io.streamhub.shared.AnnouncePath;
import java.net.URI;
import java.util.OptionalInt;
import java.util.zip.CRC32;

/**
 * Where a viewer announces for one swarm (shard) of a room: {@code <tracker base>/<app>/<room>[/<shard>]}.
 * When the installation's own tracker runs as {@code pods} stable pods behind a Gateway API route per
 * pod ({@code tracker-pods}), the path also carries {@code /t/<i>} with {@code i} a hash of the swarm,
 * so each swarm lives on exactly one pod and a room's shards spread over all of them.
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
        return uri.getScheme() + "://" + uri.getRawAuthority() + "/t/" + podOf(swarm, pods) + uri.getRawPath() + '/' + swarm;
    }

    /** The pod that holds a swarm: stable for as long as the number of pods is. */
    static int podOf(String swarmPath, int pods) {
        CRC32 crc = new CRC32();
        crc.update(swarmPath.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return (int) (crc.getValue() % pods);
    }
}
