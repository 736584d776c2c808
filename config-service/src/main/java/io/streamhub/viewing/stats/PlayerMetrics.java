package io.streamhub.viewing.stats;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamhub.config.settings.ServiceConfig;
import jakarta.inject.Singleton;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What players received and lived through, so the P2P offload and its cost to viewers are measured,
 * not claimed ({@link PlayerReport} says what each field means):
 * <ul>
 * <li>{@code streamhub_player_bytes_total{app,source="http|p2p"}} for every app with a config, and
 * {@code streamhub_player_room_bytes_total{app,room,source}}; {@code p2p} is accepted peer bytes only,
 * so p2p ÷ (http + p2p) is the offload players can vouch for;</li>
 * <li>{@code streamhub_player_waste_bytes_total{app,kind="aborted|duplicate|rejected"}}: peer bytes that
 * replaced nothing, and {@code streamhub_player_refetched_segments_total{app}};</li>
 * <li>{@code streamhub_player_clamped_bytes_total{app}}: bytes reports claimed past what their viewer could
 * have played since its last report, left out of the counters above;</li>
 * <li>{@code streamhub_player_rejected_segments_total{app}}: segments from peers whose bytes did not
 * match the origin's digest (tampering, or a broken peer);</li>
 * <li>quality per app and room: {@code streamhub_player_played_seconds_total},
 * {@code streamhub_player_stalled_seconds_total}, {@code streamhub_player_stalls_total} (rebuffer
 * ratio = stalled ÷ (played + stalled)), {@code streamhub_player_behind_live_seconds} (a summary of
 * each report's mean), and per app the {@code streamhub_player_startup_seconds} histogram.</li>
 * </ul>
 * Rooms get their own label for the first {@code room-metrics-max} rooms reported since start; later
 * rooms count under {@code room="_other"}. The guard keeps a flood of invented room names (the room
 * is the viewer's URL) from exhausting Prometheus.
 */
@Singleton
public class PlayerMetrics {

    /** The label of rooms past the guard; no valid room name starts with '_'. */
    public static final String OTHER_ROOMS = "_other";
    /** Start-up buckets, seconds: a first frame in under a second is good, over ten is lost viewers. */
    private static final double[] STARTUP_BUCKETS = {0.5, 1, 2, 3, 5, 10, 20, 30, 60};

    private final MeterRegistry registry;
    private final int maxRooms;
    private final Set<String> rooms = ConcurrentHashMap.newKeySet();

    public PlayerMetrics(MeterRegistry registry, ServiceConfig config) {
        this.registry = registry;
        this.maxRooms = config.roomMetricsMax();
    }

    /** A report as counted, and the bytes it claimed past its budget ({@code ReportBudget}), which count apart. */
    public void add(String app, String room, PlayerReport report, long clampedBytes) {
        if (clampedBytes > 0) {
            count("streamhub.player.clamped.bytes", "Bytes players reported past what they could have played; not counted", clampedBytes, "app", app);
        }
        if (report.rejected() > 0) {
            count("streamhub.player.rejected.segments", "Segments from peers that players rejected for a wrong SHA-256",
                    report.rejected(), "app", app);
        }
        String r = roomLabel(app, room);
        for (String source : new String[] {"http", "p2p"}) {
            long bytes = source.equals("http") ? report.httpBytes() : report.p2pBytes();
            count("streamhub.player.bytes", "Bytes players received, by source", bytes, "app", app, "source", source);
            count("streamhub.player.room.bytes", "Bytes players received, by room and source", bytes, "app", app, "room", r, "source", source);
        }
        waste(app, "aborted", report.aborted());
        waste(app, "duplicate", report.duplicate());
        waste(app, "rejected", report.rejectedBytes());
        if (report.refetched() > 0) {
            count("streamhub.player.refetched.segments", "Segments players abandoned from peers and fetched over HTTP",
                    report.refetched(), "app", app);
        }
        quality(app, r, report);
        count("streamhub.player.reports", "Player stats reports accepted", 1, "app", app);
    }

    /** Why a report of a known app was refused: {@code ticket} (401), {@code invalid} (400) or {@code rate} (429). */
    public void refused(String app, String reason) {
        count("streamhub.player.reports.refused", "Player stats reports refused, by reason; none of their values counted", 1,
                "app", app, "reason", reason);
    }

    /** Bytes this replica's players of {@code app} reported from {@code source} ({@code http} or {@code p2p}) since it started. */
    public double bytes(String app, String source) {
        Counter c = registry.find("streamhub.player.bytes").tag("app", app).tag("source", source).counter();
        return c == null ? 0 : c.count();
    }

    private void quality(String app, String room, PlayerReport report) {
        if (report.startupSeconds() != null) {
            DistributionSummary.builder("streamhub.player.startup").baseUnit("seconds").tag("app", app)
                    .serviceLevelObjectives(STARTUP_BUCKETS)
                    .description("Time from page navigation to the first frame").register(registry)
                    .record(report.startupSeconds());
        }
        if (report.playedSeconds() != null) {
            count("streamhub.player.played.seconds", "Time players spent playing", report.playedSeconds(), "app", app, "room", room);
        }
        if (report.stalledSeconds() != null) {
            count("streamhub.player.stalled.seconds", "Time players spent stalled after playback started", report.stalledSeconds(),
                    "app", app, "room", room);
        }
        if (report.stalls() != null) {
            count("streamhub.player.stalls", "Stalls (rebuffering) after playback started", report.stallCount(), "app", app, "room", room);
        }
        if (report.behindLiveSeconds() != null) {
            DistributionSummary.builder("streamhub.player.behind.live").baseUnit("seconds").tags("app", app, "room", room)
                    .description("Players' distance behind the live edge, each report's mean").register(registry)
                    .record(report.behindLiveSeconds());
        }
    }

    private void waste(String app, String kind, long bytes) {
        count("streamhub.player.waste.bytes", "Bytes players received from peers that replaced no HTTP fetch", bytes, "app", app, "kind", kind);
    }

    private void count(String name, String description, double amount, String... tags) {
        Counter.builder(name).tags(tags).description(description).register(registry).increment(amount);
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
}
