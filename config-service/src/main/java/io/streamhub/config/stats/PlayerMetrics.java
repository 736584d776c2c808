package io.streamhub.config.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamhub.config.config.ServiceConfig;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What players received, so the P2P offload is measured, not claimed:
 * {@code streamhub_player_bytes_total{app,source="http|p2p"}} for every app with a config, and
 * {@code streamhub_player_room_bytes_total{app,room,source}} for the first {@code room-metrics-max}
 * rooms reported since start; later rooms count under {@code room="_other"}. The guard keeps a flood
 * of invented room names (the room is the viewer's URL) from exhausting Prometheus.
 * {@code streamhub_player_rejected_segments_total{app}} counts segments players dropped because a
 * peer sent bytes that did not match the origin's digest: tampering, or a broken peer.
 */
@Singleton
public class PlayerMetrics {

    /** The label of rooms past the guard; no valid room name starts with '_'. */
    public static final String OTHER_ROOMS = "_other";

    private final MeterRegistry registry;
    private final int maxRooms;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();

    public PlayerMetrics(MeterRegistry registry, ServiceConfig config) {
        this.registry = registry;
        this.maxRooms = config.roomMetricsMax();
    }

    public void add(String app, String room, long httpBytes, long p2pBytes, int rejectedSegments) {
        if (rejectedSegments > 0) {
            Counter.builder("streamhub.player.rejected.segments").tag("app", app)
                    .description("Segments from peers that players rejected for a wrong SHA-256").register(registry)
                    .increment(rejectedSegments);
        }
        bytes("streamhub.player.bytes", app, null, "http").increment(httpBytes);
        bytes("streamhub.player.bytes", app, null, "p2p").increment(p2pBytes);
        String r = roomLabel(app, room);
        bytes("streamhub.player.room.bytes", app, r, "http").increment(httpBytes);
        bytes("streamhub.player.room.bytes", app, r, "p2p").increment(p2pBytes);
        Counter.builder("streamhub.player.reports").tag("app", app).description("Player stats reports accepted")
                .register(registry).increment();
    }

    /** Bytes this replica's players of {@code app} reported from {@code source} ({@code http} or {@code p2p}) since it started. */
    public double bytes(String app, String source) {
        Counter c = registry.find("streamhub.player.bytes").tag("app", app).tag("source", source).counter();
        return c == null ? 0 : c.count();
    }

    private String roomLabel(String app, String room) {
        String key = app + '/' + room;
        if (rooms.contains(key)) {
            return room;
        }
        synchronized (rooms) {
            if (rooms.size() < maxRooms) {
                rooms.add(key);
                return room;
            }
        }
        return OTHER_ROOMS;
    }

    private Counter bytes(String name, String app, String room, String source) {
        Counter.Builder b = Counter.builder(name).tag("app", app).tag("source", source);
        if (room != null) {
            b.tag("room", room);
        }
        return b.description(room == null ? "Bytes players received, by source" : "Bytes players received, by room and source")
                .register(registry);
    }
}
