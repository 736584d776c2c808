package io.streamhub.router.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.streamhub.router.redis.AppSettings;
import io.streamhub.shared.app.EffectiveAppConfig.Mode;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HLS body bytes this router wrote to its clients, per app and room:
 * {@code streamhub_router_hls_bytes_total{role,app,room,kind,mode}}, {@code kind} {@code playlist} or
 * {@code segment}, {@code mode} the app's distribution mode as this router last read it ({@code unknown}
 * before any, and always on an edge, which reads no config). In {@code p2p} mode the master's (or
 * all-in-one's) segment bytes are the origin's side of the P2P offload; behind a CDN they do not move
 * with P2P, which is what the mode label lets a query tell apart.
 *
 * <p>Only what a successful response (200, 206) finished writing is counted, so a room is named only
 * after it served something: invented room names get 404s and no series. At most
 * {@code router.room-metrics-max} rooms get their own series; later ones count as
 * {@code room="_other"} of their app. The hot path is a few map look-ups and an increment. Made by the role wiring.
 */
public class HlsBytes {

    /** The label of rooms past the cap; no valid room name starts with '_'. */
    public static final String OTHER_ROOMS = "_other";
    static final String UNKNOWN_MODE = "unknown";
    private static final Mode[] MODES = Mode.values();
    /** Counter slots per room: a playlist and a segment counter for each mode, and for "unknown". */
    private static final int SLOTS = 2 * (MODES.length + 1);

    private final MeterRegistry registry;
    /** {@code null} on a router that reads no app config (the edge). */
    private final AppSettings settings;
    private final String role;
    private final int maxRooms;
    private final AtomicInteger named = new AtomicInteger();
    private final Map<String, AppRooms> apps = new ConcurrentHashMap<>();

    public HlsBytes(MeterRegistry registry, String role, int maxRooms, AppSettings settings) {
        this.registry = registry;
        this.settings = settings;
        this.role = role;
        this.maxRooms = maxRooms;
    }

    /** Counts {@code bytes} of a successful response for the room, once they are written. */
    public void written(String app, String room, boolean playlist, long bytes) {
        if (bytes <= 0) {
            return;
        }
        AppRooms a = apps.get(app);
        if (a == null && settings != null) {
            // The app's first bytes wait for its mode, so no series is made under a mode it never had.
            settings.mode(app).onComplete(ar -> apps.computeIfAbsent(app, AppRooms::new).counter(room, playlist).increment(bytes));
            return;
        }
        (a == null ? apps.computeIfAbsent(app, AppRooms::new) : a).counter(room, playlist).increment(bytes);
    }

    /** One app: its current mode, its named rooms' counters, and the counters of the rest. */
    private final class AppRooms {

        final String app;
        /** Per named room, the counters by slot, made on first use. */
        final Map<String, Counter[]> rooms = new ConcurrentHashMap<>();
        final Counter[] other = new Counter[SLOTS];

        AppRooms(String app) {
            this.app = app;
        }

        Counter counter(String room, boolean playlist) {
            // The mode as last read, at once (AppSettings refreshes it in the background), or unknown.
            Mode mode = settings != null ? settings.cachedMode(app) : null;
            int slot = 2 * (mode == null ? MODES.length : mode.ordinal()) + (playlist ? 0 : 1);
            Counter[] byRoom = rooms.get(room);
            if (byRoom == null) {
                byRoom = admit(room);
            }
            Counter c = byRoom[slot];
            if (c == null) {
                // A race here registers the same meter twice, and Micrometer returns the same counter.
                c = register(byRoom == other ? OTHER_ROOMS : room, slot);
                byRoom[slot] = c;
            }
            return c;
        }

        /** The room's slots if it may have its own series, else the app's {@code _other} slots (not remembered per room). */
        private Counter[] admit(String room) {
            synchronized (this) {
                Counter[] byRoom = rooms.get(room);
                if (byRoom != null) {
                    return byRoom;
                }
                if (named.incrementAndGet() > maxRooms) {
                    named.decrementAndGet();
                    return other;
                }
                byRoom = new Counter[SLOTS];
                rooms.put(room, byRoom);
                return byRoom;
            }
        }

        private Counter register(String room, int slot) {
            int m = slot / 2;
            return Counter.builder("streamhub.router.hls.bytes")
                    .description("HLS body bytes written to clients by successful responses, per app and room")
                    .baseUnit("bytes").tag("role", role).tag("app", app).tag("room", room)
                    .tag("kind", slot % 2 == 0 ? "playlist" : "segment")
                    .tag("mode", m == MODES.length ? UNKNOWN_MODE : MODES[m].wire())
                    .register(registry);
        }
    }
}
