package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.Ports;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.function.Executable;

/**
 * Hostile traffic against the real processes (issue 30): Redis, an origin router (the media node
 * {@code local}, where the simulated egress writes the room), a master in front of it, the tracker,
 * config-service and the orchestrator. One app in {@code hybrid} mode (its "CDN" is the master),
 * with P2P on the tracker and WebRTC viewing, so every public door is open. Six floods of
 * {@value #FLOOD_SECONDS} s, one after another, each from 127.0.0.2; during each, a legitimate
 * viewer's path from 127.0.0.3 ({@link ViewerPath}: the playlist through the master, playback
 * re-polled with its ticket, an announce the tracker answers) must succeed in every round, and the
 * live heap after a full GC ({@link LiveHeap}) of each process the flood aims at may grow by at most
 * 8 MiB (the bound for a 60-s flood, kept for these 10 s). The heap after is read at the
 * flood's end, while what it holds (tracker connections, slow readers) is still held. Timing goals
 * are the bench's ({@code bench/hostile.sh}); figures in docs/benchmarks.md, "Hostile traffic".
 *
 * <p>The tracker runs with {@code tracker.max-connections} equal to the per-address cap (256), so one
 * address can fill the process and the second address gets in only by the fair eviction at the cap.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostileTrafficIT {

    static final Path WORK = Path.of("target", "e2e-hostile").toAbsolutePath();
    static final String APP = "hostile";
    static final String ROOM = "main";
    static final SourceAddress FLOODER = new SourceAddress("127.0.0.2");
    static final SourceAddress VIEWER = new SourceAddress("127.0.0.3");
    static final long FLOOD_SECONDS = 10;
    static final Duration FLOOD = Duration.ofSeconds(FLOOD_SECONDS);
    static final long MAX_GROWTH_BYTES = 8L << 20;
    /** The tracker's global cap: its per-address cap's default, so one address alone reaches it. */
    static final int TRACKER_CAP = 256;
    /** config-service's default {@code webrtc.max-per-address}. */
    static final int WEBRTC_PER_ADDRESS = 20;
    /** The playback flood's rate. */
    static final double POLLS_PER_SECOND = 200;
    static final DateTimeFormatter SESSION = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssSSS'Z'").withZone(ZoneOffset.UTC);

    static LocalRedis redis;
    static ServiceProcess origin;
    static ServiceProcess master;
    static ServiceProcess tracker;
    static ServiceProcess config;
    static ServiceProcess egress;
    static int wsPort;
    static final List<String> TABLE = new CopyOnWriteArrayList<>();
    static long startedAt;

    @BeforeAll
    static void startStack() throws Exception {
        startedAt = System.nanoTime();
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Path data = WORK.resolve("data");
        wsPort = Ports.freePort();
        redis = LocalRedis.start(WORK.resolve("redis"));
        Map<String, String> redisEnv = Map.of("REDIS_URL", redis.url());
        // No LiveKit here: the advertised URL only has to exist for playback to grant WebRTC slots.
        origin = ServiceProcess.start("hostile-origin", ViewersIT.jar("hls-router"), port -> E2eEnv.merge(redisEnv,
                E2eEnv.origin("local", port, data), Map.of("ROUTER_LIVEKIT_PUBLIC_URL", "ws://127.0.0.1:" + Ports.freePort())));
        master = ServiceProcess.start("hostile-master", ViewersIT.jar("hls-router"), port -> E2eEnv.merge(redisEnv, Map.of(
                "ROUTER_ROLE", "master", "ROUTER_NODE_ID", "master", "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port)));
        tracker = ServiceProcess.start("hostile-tracker", ViewersIT.jar("p2p-tracker"), E2eEnv.merge(redisEnv, Map.of(
                "WS_PORT", Integer.toString(wsPort), "TRACKER_WS_HOST", "127.0.0.1", "TRACKER_MAX_CONNECTIONS", Integer.toString(TRACKER_CAP))));
        Files.writeString(WORK.resolve("apps/" + APP + ".yaml"), """
                app: %s
                distribution:
                  mode: hybrid
                  cdn:
                    base_url: %s
                  hls:
                    segment_seconds: 6
                    list_size: 6
                  webrtc:
                    enabled: true
                  p2p:
                    enabled: true
                    ice_servers: []
                    trackers: [ws://127.0.0.1:%d/announce]
                """.formatted(APP, master.url(""), wsPort));
        config = ServiceProcess.start("hostile-config", ViewersIT.jar("config-service"), port -> E2eEnv.merge(redisEnv,
                E2eEnv.configService(WORK, master.url(""), port), Map.of("STREAMHUB_CONFIG_WEBRTC_API_KEY", "APIhostile",
                        "STREAMHUB_CONFIG_WEBRTC_API_SECRET", "hostile-secret-of-enough-length-123",
                        "STREAMHUB_CONFIG_SIGNING_KEY", "hostile-signing-key")));
        egress = ServiceProcess.start("hostile-egress", ViewersIT.jar("egress-orchestrator"),
                E2eEnv.merge(redisEnv, E2eEnv.simulatedEgress(data, APP + ":" + ROOM)));
        await("the room plays through the master, with WebRTC slots").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> ViewersIT.get(master.url(playlistPath())).statusCode() == 200
                        && new JsonObject(ViewersIT.get(config.url(playbackPath())).body()).getJsonObject("webrtc", new JsonObject())
                                .getBoolean("enabled", false));
        System.out.printf("hostile: stack up after %.0f s%n", (System.nanoTime() - startedAt) / 1e9);
    }

    @AfterAll
    static void stopStack() throws Exception {
        for (AutoCloseable c : new AutoCloseable[] {egress, config, tracker, master, origin, redis}) {
            if (c != null) {
                c.close();
            }
        }
        String md = "| flood | requests or connections | process | live heap before → after (MiB) | growth (MiB) | viewer rounds ok |\n"
                + "|---|---|---|---|---|---|\n" + String.join("", TABLE);
        Files.writeString(WORK.resolve("hostile.md"), md);
        System.out.print(md);
        System.out.printf("hostile: whole run %.0f s%n", (System.nanoTime() - startedAt) / 1e9);
    }

    static String playlistPath() {
        return "/hls/" + APP + "/" + ROOM + "/index.m3u8";
    }

    static String playbackPath() {
        return "/api/apps/" + APP + "/rooms/" + ROOM + "/playback";
    }

    @Test
    @Order(1)
    void uniqueSegmentUrlsForSessionsNobodyAdvertises() throws Exception {
        AtomicLong n = new AtomicLong();
        long base = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli();
        ByKind kinds = new ByKind(64);
        try (Measure m = Measure.start("a. unique segment URLs, unadvertised sessions", master, origin)) {
            // Half in the live room (the master finds no origin advertising the session, falls back to the room's
            // claim and asks the origin), half in a room of the app nobody has heard of, a new one each time.
            HttpFlood.Tally t = HttpFlood.run(FLOODER, 64, FLOOD, kinds.script(worker -> {
                long i = n.incrementAndGet();
                String room = i % 2 == 0 ? ROOM : "r" + i;
                return Map.entry(i % 2 == 0 ? "live room" : "new room", HttpFlood.Call.get(master.url("/hls/" + APP + "/" + room + "/"
                        + SESSION.format(Instant.ofEpochMilli(base + i)) + "-g1-seg" + String.format("%05d", i % 100_000) + ".ts")));
            }));
            m.end(t + " " + kinds);
            m.assertGoals(
                    () -> assertEquals(Set.of(404), kinds.statuses("live room"), "an unadvertised session of the live room: " + kinds),
                    // 503 is the master's "room directory unavailable" (docs/benchmarks.md, "Hostile traffic"): not a bad answer
                    // to an invented room, but never a 500, a cut connection or a hang.
                    () -> assertTrue(Set.of(404, 503).containsAll(kinds.statuses("new room")), "an invented room: " + kinds),
                    () -> assertEquals(0, t.count(HttpFlood.Tally.NO_ANSWER), "unanswered: " + t));
        }
        String metrics = ViewersIT.get(master.url("/q/metrics")).body();
        System.out.println("hostile: master directory after flood a: " + lines(metrics, "streamhub_router_directory_"));
    }

    @Test
    @Order(2)
    void unknownAppNames() throws Exception {
        AtomicLong n = new AtomicLong();
        ByKind kinds = new ByKind(32);
        try (Measure m = Measure.start("b. unknown app names (playback API, router paths)", config, master)) {
            HttpFlood.Tally t = HttpFlood.run(FLOODER, 32, FLOOD, kinds.script(worker -> {
                long i = n.incrementAndGet();
                String app = "nope" + i;
                return i % 2 == 0 ? Map.entry("playback", HttpFlood.Call.get(config.url("/api/apps/" + app + "/rooms/" + ROOM + "/playback")))
                        : Map.entry("master", HttpFlood.Call.get(master.url("/hls/" + app + "/" + ROOM + "/index.m3u8")));
            }));
            m.end(t + " " + kinds);
            m.assertGoals(
                    () -> assertEquals(Set.of(404), kinds.statuses("playback"), "an unknown app at the playback API: " + kinds),
                    () -> assertTrue(Set.of(404, 503).containsAll(kinds.statuses("master")), "an unknown app through the master: " + kinds),
                    () -> assertEquals(0, t.count(HttpFlood.Tally.NO_ANSWER), "unanswered: " + t));
        }
    }

    @Test
    @Order(3)
    void oneAddressHoldingTrackerConnections() throws Exception {
        String before = ViewersIT.get(tracker.url("/q/metrics")).body();
        try (HeldWebSockets held = new HeldWebSockets(FLOODER, wsPort, "/announce/" + APP + "/" + ROOM, 600, 250);
             Measure m = Measure.start("c. one address holding tracker connections", tracker);
             GaugeWatch connections = new GaugeWatch(tracker.url("/q/metrics"), "streamhub_tracker_connections")) {
            held.start(FLOOD);
            // "Then a viewer from another address": its rounds count once 127.0.0.2 holds the cap, the state the fair
            // eviction is for (while the flooder's first upgrades are still being decided, AddressLimits.evictable has
            // none of its places to give).
            await("127.0.0.2 holds the tracker's cap").atMost(Duration.ofSeconds(FLOOD_SECONDS - 2)).pollInterval(Duration.ofMillis(50))
                    .until(() -> held.open() >= TRACKER_CAP - 1);
            m.countRoundsFromNow();
            System.out.printf("hostile: c. 127.0.0.2 holds the cap %.1f s into the flood%n", m.sinceStart() / 1e9);
            held.awaitEnd();
            m.end(held + "; the tracker's connections gauge at most " + (long) connections.max());
            // The cap counts places: an evicted connection gives its place up at once, but stays open (and in the
            // flooder's count and the connections gauge) until its close handshake is over, so those run over the
            // cap by the evictions in progress. Once the flooder stops reconnecting, what it holds is within the cap.
            await("127.0.0.2 holds at most the cap").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
                    .until(() -> held.open() <= TRACKER_CAP);
            String after = ViewersIT.get(tracker.url("/q/metrics")).body();
            System.out.println("hostile: tracker refusals during flood c: " + lines(after, "streamhub_tracker_refusals_total"));
            m.assertGoals(
                    () -> assertTrue(held.refusedByStatus.containsKey(429), () -> "no 429 past the per-address cap: " + held),
                    () -> assertTrue(delta(before, after, "streamhub_tracker_refusals_total", "reason=\"address_limit\"") > 0,
                            "address_limit refusals counted"),
                    // The viewer from the other address got in at the cap: a flooder's connection made room (1013).
                    () -> assertTrue(delta(before, after, "streamhub_tracker_refusals_total", "reason=\"evicted\"") > 0,
                            "evictions counted"),
                    () -> assertTrue(held.closedByCode.containsKey(1013), () -> "no flooder connection closed with 1013: " + held));
        }
    }

    @Test
    @Order(4)
    void playbackPolledAtAHighRate() throws Exception {
        int workers = 32;
        String[] tickets = new String[workers];
        AtomicLong n = new AtomicLong();
        AtomicLong granted = new AtomicLong();
        String dbBefore = redis.command("DBSIZE");
        String roomKey = "sh:webrtc:room:" + APP + ":" + ROOM;
        long slotsBefore = Long.parseLong(redis.command("ZCARD", roomKey));
        try (Measure m = Measure.start("d. playback polled at 200/s (re-polls with tickets)", config)) {
            // Each worker is one viewer re-polling with the ticket it was given; one poll in ten is a new viewer.
            // 200 polls/s, the figure. Unpaced, 32 polls in flight make config-service answer 500 to about one
            // poll in ten, the viewer's too (docs/benchmarks.md, "Hostile traffic"); bench/hostile.sh's flood d2 shows it.
            HttpFlood.Tally t = HttpFlood.run(FLOODER, workers, POLLS_PER_SECOND, FLOOD, new HttpFlood.Script() {
                @Override
                public HttpFlood.Call next(int worker) {
                    String ticket = n.incrementAndGet() % 10 == 0 ? null : tickets[worker];
                    return HttpFlood.Call.get(config.url(playbackPath())
                            + (ticket == null ? "" : "?viewer=" + URLEncoder.encode(ticket, StandardCharsets.UTF_8)));
                }

                @Override
                public void answered(int worker, int status, Buffer body) {
                    if (status == 200) {
                        JsonObject answer = new JsonObject(body);
                        tickets[worker] = answer.getString("viewer");
                        if (answer.getJsonObject("webrtc", new JsonObject()).containsKey("token")) {
                            granted.incrementAndGet();
                        }
                    }
                }
            });
            m.end(t + ", " + granted.get() + " with a WebRTC token");
            long roomSlots = Long.parseLong(redis.command("ZCARD", roomKey));
            long flooderSlots = Long.parseLong(redis.command("ZCARD", roomKey + ":" + FLOODER.ip));
            System.out.printf("hostile: WebRTC slots of the room %d -> %d (127.0.0.2 holds %d); Redis keys %s -> %s%n", slotsBefore, roomSlots,
                    flooderSlots, dbBefore, redis.command("DBSIZE"));
            m.assertGoals(
                    // Not "every poll 200": past 6 + 24 Redis commands at once config-service's pool refuses and the poll is a
                    // 500, on this machine a few per thousand even at 200/s (docs/benchmarks.md, "Hostile traffic"). The
                    // viewer's polls must all succeed (assertGoals).
                    () -> assertEquals(0, t.count(HttpFlood.Tally.NO_ANSWER), "unanswered polls: " + t),
                    () -> assertTrue(flooderSlots <= WEBRTC_PER_ADDRESS, "slots of the flooding address: " + flooderSlots),
                    // At most the flooder's slots and this flood's viewer's one are new: re-polls refresh, they never add
                    // (slots of earlier floods' viewers and of the start-up polls last their token's 10 minutes).
                    () -> assertTrue(roomSlots - slotsBefore <= WEBRTC_PER_ADDRESS + 1, "slots of the room: " + slotsBefore + " -> " + roomSlots));
        }
    }

    @Test
    @Order(5)
    void forgedPlayerReports() throws Exception {
        String statsUrl = config.url("/api/apps/" + APP + "/rooms/" + ROOM + "/stats");
        List<String> tickets = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            tickets.add(new JsonObject(Buffer.buffer(ViewersIT.get(config.url(playbackPath())).body())).getString("viewer"));
        }
        String before = ViewersIT.get(config.url("/q/metrics")).body();
        AtomicLong n = new AtomicLong();
        List<Integer> legitStatuses = new CopyOnWriteArrayList<>();
        HttpClient legit = VIEWER.http(1);
        AtomicReference<String> legitTicket = new AtomicReference<>(
                new JsonObject(Buffer.buffer(ViewersIT.get(config.url(playbackPath())).body())).getString("viewer"));
        try (Measure m = Measure.start("e. forged player reports (no ticket, bad ticket, huge bytes)", config)) {
            // Meanwhile a real viewer (the other address) reports every 2.5 s with its own ticket.
            long timer = SourceAddress.VERTX.setPeriodic(2_500, id -> legit.request(new RequestOptions().setMethod(HttpMethod.POST)
                            .setAbsoluteURI(statsUrl).putHeader("Content-Type", "application/json").setIdleTimeout(5_000))
                    .compose(r -> r.send(new JsonObject().put("ticket", legitTicket.get()).put("httpBytes", 500_000).put("p2pBytes", 0)
                            .put("playedSeconds", 2.5).encode()))
                    .onComplete(ar -> {
                        legitStatuses.add(ar.succeeded() ? ar.result().statusCode() : -1);
                        if (ar.succeeded() && ar.result().getHeader("StreamHub-Ticket") != null) {
                            legitTicket.set(ar.result().getHeader("StreamHub-Ticket"));
                        }
                    }));
            HttpFlood.Tally t;
            try {
                t = HttpFlood.run(FLOODER, 16, FLOOD, worker -> {
                    long i = n.incrementAndGet();
                    String real = tickets.get((int) (i % tickets.size()));
                    JsonObject report = new JsonObject().put("httpBytes", 1L << 30).put("p2pBytes", 1L << 30);
                    switch ((int) (i % 4)) {
                        case 0 -> { } // no ticket
                        case 1 -> report.put("ticket", real.substring(0, real.length() - 2) + (real.endsWith("AA") ? "BB" : "AA"));
                        case 2 -> report.put("ticket", real); // real, claiming 2 GiB: clamped (or over its rate: 429)
                        default -> report.put("ticket", real).put("httpBytes", 1L << 40); // beyond any report: 400
                    }
                    return HttpFlood.Call.post(statsUrl, report.encode());
                });
            } finally {
                SourceAddress.VERTX.cancelTimer(timer);
            }
            m.end(t + "; the viewer's own reports: " + legitStatuses);
            String after = ViewersIT.get(config.url("/q/metrics")).body();
            double clamped = delta(before, after, "streamhub_player_clamped_bytes_total", "app=\"" + APP + "\"");
            double counted = delta(before, after, "streamhub_player_bytes_total", "app=\"" + APP + "\"");
            // Refused reports (401, 400, 429) are counted by no metric of config-service (it exports no HTTP request
            // metrics either): only the clamp is. docs/benchmarks.md, "Hostile traffic".
            System.out.printf("hostile: reports after flood e: %.0f bytes counted, %.0f clamped%n", counted, clamped);
            long claimed = t.count(204) * (2L << 30);
            m.assertGoals(
                    () -> assertTrue(Set.of(204, 400, 401, 429).containsAll(t.byStatus().keySet()), "refused or clamped, nothing else: " + t),
                    () -> assertTrue(t.count(401) > 0 && t.count(400) > 0, "forged tickets and impossible counts refused: " + t),
                    () -> assertTrue(t.count(204) > 0, "some real tickets' reports were taken (and clamped): " + t),
                    () -> assertTrue(clamped > 0, "clamped bytes counted"),
                    () -> assertTrue(counted < claimed / 20.0, () -> counted + " bytes counted of " + claimed + " claimed"),
                    () -> assertTrue(!legitStatuses.isEmpty() && legitStatuses.stream().allMatch(s -> s == 204),
                            "the viewer's own reports: " + legitStatuses));
        } finally {
            legit.close();
        }
    }

    @Test
    @Order(6)
    void slowReadersOfSegments() throws Exception {
        List<String> segments = TopologyIT.segments(ViewersIT.get(master.url(playlistPath())).body()).stream()
                .map(uri -> "/hls/" + APP + "/" + ROOM + "/" + uri).toList();
        String before = ViewersIT.get(master.url("/q/metrics")).body();
        // 200 readers over the live window's segments (cold at the master, so most join a fetch in flight and are
        // streamed), 4 KiB of receive buffer each, reading 256 bytes every 100 ms: a 6-s segment (~160 KB) takes a
        // minute. (On loopback the router's socket takes a whole segment into its send buffer, so its own write
        // queue never fills: docs/benchmarks.md, "Hostile traffic".)
        try (Measure m = Measure.start("f. slow readers of segments through the master", master);
             SlowReaders slow = new SlowReaders(FLOODER, master.port(), segments, 200, 4096)) {
            slow.readSlowlyFor(FLOOD, 256, Duration.ofMillis(100));
            // A viewer from the other address gets a whole segment meanwhile.
            String newest = TopologyIT.segments(ViewersIT.get(master.url(playlistPath())).body()).stream().reduce((a, b) -> b).orElseThrow();
            HttpClient viewer = VIEWER.http(1);
            int[] segment;
            try {
                segment = SourceAddress.onEventLoop(() -> viewer.request(new RequestOptions()
                                .setAbsoluteURI(master.url("/hls/" + APP + "/" + ROOM + "/" + newest)).setIdleTimeout(10_000))
                        .compose(r -> r.send()).compose(r -> r.body().map(b -> new int[] {r.statusCode(), b.length(),
                                Integer.parseInt(r.getHeader("Content-Length"))})))
                        .get(20, TimeUnit.SECONDS);
            } finally {
                viewer.close();
            }
            m.end(segments.size() + " segments, 200 slow connections");
            SlowReaders.Outcome o = slow.drain(Duration.ofSeconds(30));
            String after = ViewersIT.get(master.url("/q/metrics")).body();
            System.out.printf("hostile: slow readers: %s; the viewer's segment: status %d, %d of %d bytes; collapsed into a fetch in flight %.0f,"
                    + " paused writes %.0f%n", o, segment[0], segment[1], segment[2],
                    delta(before, after, "streamhub_router_cache_lookups_total", "result=\"collapsed\""),
                    delta(before, after, "streamhub_router_stream_paused_total", ""));
            m.assertGoals(
                    () -> assertEquals(200, segment[0], "the viewer's segment"),
                    () -> assertEquals(segment[2], segment[1], "the viewer's segment is whole"),
                    // Served in full or closed by the router; none left hanging.
                    () -> assertEquals(0, o.hanging(), "slow connections neither served nor closed: " + o),
                    () -> assertEquals(List.of(200), o.statuses(), "answers to the slow readers: " + o));
        }
    }

    /** A flood's statuses by the kind of request each worker sent last (a worker has one request in flight). */
    static final class ByKind {
        private final String[] last;
        private final Map<String, Map<Integer, Long>> counts = new ConcurrentHashMap<>();

        ByKind(int workers) {
            last = new String[workers];
        }

        HttpFlood.Script script(IntFunction<Map.Entry<String, HttpFlood.Call>> next) {
            return new HttpFlood.Script() {
                @Override
                public HttpFlood.Call next(int worker) {
                    Map.Entry<String, HttpFlood.Call> e = next.apply(worker);
                    last[worker] = e.getKey();
                    return e.getValue();
                }

                @Override
                public void answered(int worker, int status, Buffer body) {
                    counts.computeIfAbsent(last[worker], k -> new ConcurrentSkipListMap<>()).merge(status, 1L, Long::sum);
                }
            };
        }

        Set<Integer> statuses(String kind) {
            return counts.getOrDefault(kind, Map.of()).keySet();
        }

        @Override
        public String toString() {
            return new TreeMap<>(counts).toString();
        }
    }

    /** The largest value a gauge showed, scraped every 100 ms until closed. */
    static final class GaugeWatch implements AutoCloseable {
        private final HttpClient client = SourceAddress.ANY.http(1);
        private final long timer;
        private volatile double max = Double.NaN;

        GaugeWatch(String metricsUrl, String gauge) {
            timer = SourceAddress.VERTX.setPeriodic(100, id -> client.request(new RequestOptions().setAbsoluteURI(metricsUrl))
                    .compose(r -> r.send()).compose(r -> r.body())
                    .onSuccess(b -> {
                        double v = TrackerPodsIT.gauge(b.toString(), gauge);
                        max = Double.isNaN(max) ? v : Math.max(max, v);
                    }));
        }

        double max() {
            return max;
        }

        @Override
        public void close() {
            SourceAddress.VERTX.cancelTimer(timer);
            client.close();
        }
    }

    /** A counter's increase between two scrapes, over the samples whose labels contain {@code label}. */
    static double delta(String before, String after, String name, String label) {
        return TrackerPodsIT.counter(after, name, label) - TrackerPodsIT.counter(before, name, label);
    }

    static List<String> lines(String metrics, String prefix) {
        return metrics.lines().filter(l -> l.startsWith(prefix)).toList();
    }

    /**
     * One flood's frame: a legitimate viewer's path from {@link #VIEWER} running throughout, the
     * targets' live heaps read before and (at {@link #end}) after, then the goals checked: every
     * round of the viewer's path during the flood succeeded, and no target grew by more than
     * {@link #MAX_GROWTH_BYTES}.
     */
    static final class Measure implements AutoCloseable {
        private final String flood;
        private final List<ServiceProcess> targets;
        private final ViewerPath viewer;
        private final Map<ServiceProcess, Long> before = new LinkedHashMap<>();
        private final Map<ServiceProcess, Long> growth = new LinkedHashMap<>();
        private long start;
        private long roundsFrom;
        private int rounds;
        private List<String> failed = List.of();

        private Measure(String flood, List<ServiceProcess> targets) {
            this.flood = flood;
            this.targets = targets;
            this.viewer = new ViewerPath(VIEWER, () -> master.url(playlistPath()), () -> config.url(playbackPath()), wsPort,
                    "/announce/" + APP + "/" + ROOM);
        }

        static Measure start(String flood, ServiceProcess... targets) throws Exception {
            Measure m = new Measure(flood, List.of(targets));
            try {
                await(flood + ": the viewer's path answers before").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                        .until(() -> m.viewer.rounds.size() >= 3 && m.viewer.rounds.subList(m.viewer.rounds.size() - 3,
                                m.viewer.rounds.size()).stream().allMatch(ViewerPath.Round::ok));
                for (ServiceProcess s : m.targets) {
                    m.before.put(s, LiveHeap.bytes(s));
                }
                m.start = System.nanoTime();
                m.roundsFrom = m.start;
                return m;
            } catch (Exception | Error e) {
                m.close();
                throw e;
            }
        }

        /** The viewer's rounds that count start now, not at the flood's start (the heap's "before" stays). */
        void countRoundsFromNow() {
            roundsFrom = System.nanoTime();
        }

        long sinceStart() {
            return System.nanoTime() - start;
        }

        /** The flood is over ({@code what} it did): heaps after and the viewer's rounds, printed and kept for {@link #assertGoals}. */
        void end(String what) throws Exception {
            long end = System.nanoTime();
            List<ViewerPath.Round> during = viewer.since(roundsFrom).stream().filter(r -> r.atNanos() < end).toList();
            rounds = during.size();
            long ok = during.stream().filter(ViewerPath.Round::ok).count();
            failed = during.stream().filter(r -> !r.ok()).map(r -> String.format("%.1f s: playlist %s playback %s tracker %s",
                    (r.atNanos() - start) / 1e9, r.playlist() ? "ok" : r.playlistProblem(), r.playback() ? "ok" : r.playbackProblem(),
                    r.tracker() ? "ok" : r.trackerProblem())).toList();
            System.out.printf("hostile: %s: %s%n", flood, what);
            for (ServiceProcess s : targets) {
                long after = LiveHeap.bytes(s);
                growth.put(s, after - before.get(s));
                String name = processName(s);
                System.out.printf("hostile:   %-8s live heap %s -> %s MiB (%s)%n", name, LiveHeap.mib(before.get(s), false),
                        LiveHeap.mib(after, false), LiveHeap.mib(after - before.get(s), true));
                TABLE.add(String.format("| %s | %s | %s | %s → %s | %s | %d of %d |%n", flood, what, name, LiveHeap.mib(before.get(s), false),
                        LiveHeap.mib(after, false), LiveHeap.mib(after - before.get(s), true), ok, rounds));
            }
            System.out.printf("hostile:   viewer from %s: %d of %d rounds ok%s%n", VIEWER, ok, rounds, failed.isEmpty() ? "" : ", failed " + failed);
        }

        /** The goals of every flood (the viewer's path served in every round, heaps bounded) and the flood's own {@code checks}. */
        void assertGoals(Executable... checks) {
            List<Executable> all = new ArrayList<>(List.of(checks));
            all.add(() -> assertTrue(rounds >= 5, () -> flood + ": only " + rounds + " rounds of the viewer's path"));
            all.add(() -> assertTrue(failed.isEmpty(), () -> flood + ": the viewer's path failed: " + failed));
            growth.forEach((s, g) -> all.add(() -> assertTrue(g <= MAX_GROWTH_BYTES, () -> flood + ": " + processName(s)
                    + "'s live heap grew by " + LiveHeap.mib(g, true) + " MiB")));
            assertAll(all);
        }

        @Override
        public void close() {
            viewer.close();
        }
    }

    static String processName(ServiceProcess s) {
        return s == master ? "master" : s == origin ? "origin" : s == tracker ? "tracker" : s == config ? "config" : "other";
    }
}
