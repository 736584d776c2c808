package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.Ports;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import org.awaitility.core.EvaluatedCondition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One room across two tracker processes (issue 31): config-service knows each pod's announce URL
 * ({@code STREAMHUB_CONFIG_TRACKER_POD_URLS}) and the room has two shards, so each shard's swarm lives
 * on its own pod. Two headless-Chromium viewers per shard share segments; one tracker is killed and
 * later started again on the same port, and the other shard must never notice.
 *
 * <p>P2P Media Loader reconnects to a lost tracker by bittorrent-tracker's rule (10 s × 2^retries plus
 * a uniform 0–5 min). The viewers here run that one timer ten times faster
 * ({@code TRACKER_RECONNECT_SCALE=10} in viewers.mjs: 1 s × 2^retries plus 0–30 s), which keeps the
 * test within about two minutes; nothing else in the pages is changed.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrackerPodsIT {

    static final Path WORK = Path.of("target", "e2e-pods").toAbsolutePath();
    static final String APP = "pods";
    static final String ROOM = "arena";

    static LocalRedis redis;
    /** By pod index: what config-service's pod list names pod 0 and pod 1. */
    static final ServiceProcess[] trackers = new ServiceProcess[2];
    static final int[] wsPorts = new int[2];
    static ServiceProcess router;
    static ServiceProcess config;
    static ServiceProcess orchestrator;
    static Viewers viewers;
    /** The pod each shard lives on, by shard. */
    static final int[] podOfShard = new int[2];

    @BeforeAll
    static void startSuite() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        redis = LocalRedis.start(WORK.resolve("redis"));
        for (int pod = 0; pod < 2; pod++) {
            wsPorts[pod] = Ports.freePort();
            trackers[pod] = ServiceProcess.start("p2p-tracker-" + pod, ViewersIT.jar("p2p-tracker"), Map.of("REDIS_URL", redis.url(),
                    "WS_PORT", Integer.toString(wsPorts[pod]), "TRACKER_WS_HOST", "127.0.0.1"));
        }
        router = ServiceProcess.start("hls-router-pods", ViewersIT.jar("hls-router"), port -> Map.of("REDIS_URL", redis.url(),
                "ROUTER_ROLE", "all-in-one", "ROUTER_NODE_ID", "e2e-pods", "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port,
                "ROUTER_ORIGIN_DATA_DIR", WORK.resolve("data").toString()));
        // The operator's app: P2P on the installation's own tracker (no trackers listed), two shards,
        // no STUN (everything is on loopback).
        Files.writeString(WORK.resolve("apps/" + APP + ".yaml"), """
                app: %s
                distribution:
                  mode: p2p
                  hls:
                    segment_seconds: 2
                    list_size: 8
                  p2p:
                    enabled: true
                    swarm_shards: 2
                    ice_servers: []
                """.formatted(APP));
        config = ServiceProcess.start("config-service-pods", ViewersIT.jar("config-service"), port -> Map.of("REDIS_URL", redis.url(),
                "STREAMHUB_CONFIG_FOLDER", WORK.resolve("apps").toString(),
                "STREAMHUB_CONFIG_POLL_INTERVAL", "500ms",
                "STREAMHUB_CONFIG_PUBLIC_HLS_URL", router.url(""),
                "STREAMHUB_CONFIG_PUBLIC_URL", "http://127.0.0.1:" + port,
                "STREAMHUB_CONFIG_TRACKER_POD_URLS", announceBase(0) + "," + announceBase(1)));
        orchestrator = ServiceProcess.start("egress-orchestrator-pods", ViewersIT.jar("egress-orchestrator"), Map.of("REDIS_URL", redis.url(),
                "ORCHESTRATOR_DRIVER", "simulated", "ORCHESTRATOR_SIMULATED_DATA_DIR", WORK.resolve("data").toString(),
                "ORCHESTRATOR_SIMULATED_ROOMS", APP + ":" + ROOM, "ORCHESTRATOR_LIVEKIT_DISCOVER", "false",
                "ORCHESTRATOR_RECONCILE_INTERVAL", "1s"));
        await("the room is live at the router").atMost(Duration.ofSeconds(30))
                .until(() -> ViewersIT.get(router.url("/hls/" + APP + "/" + ROOM + "/index.m3u8")).statusCode() == 200);
    }

    static String announceBase(int pod) {
        return "ws://127.0.0.1:" + wsPorts[pod] + "/announce";
    }

    @AfterAll
    static void stopSuite() {
        for (AutoCloseable c : new AutoCloseable[] {viewers, orchestrator, config, router, trackers[0], trackers[1], redis}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    @Test
    @Order(1)
    void eachShardOfTheRoomAnnouncesToItsOwnPod() throws Exception {
        JsonObject p2p = new JsonObject(ViewersIT.get(config.url("/api/apps/" + APP + "/rooms/" + ROOM + "/playback")).body()).getJsonObject("p2p");
        assertEquals(2, p2p.getInteger("shards"));
        JsonArray byShard = p2p.getJsonArray("announceShards");
        for (int shard = 0; shard < 2; shard++) {
            JsonArray urls = byShard.getJsonArray(shard);
            assertEquals(1, urls.size(), "one tracker URL per shard: " + byShard);
            String url = urls.getString(0);
            int pod = url.startsWith(announceBase(0) + "/") ? 0 : url.startsWith(announceBase(1) + "/") ? 1 : -1;
            assertTrue(pod >= 0, "shard " + shard + " announces to neither pod: " + url);
            assertEquals(announceBase(pod) + "/" + APP + "/" + ROOM + "/" + shard, url);
            // The documented rule: shard k of a room on pod (CRC32(<app>/<room>) + k) mod pods.
            assertEquals(expectedPod(shard, 2), pod, "shard " + shard + "'s pod by the CRC32 rule");
            podOfShard[shard] = pod;
        }
        assertNotEquals(podOfShard[0], podOfShard[1], "the two shards share a pod: " + byShard);
        System.out.printf("room %s/%s: shard 0 on pod %d (%s), shard 1 on pod %d (%s)%n", APP, ROOM,
                podOfShard[0], announceBase(podOfShard[0]), podOfShard[1], announceBase(podOfShard[1]));
    }

    static int expectedPod(int shard, int pods) {
        CRC32 crc = new CRC32();
        crc.update((APP + "/" + ROOM).getBytes(StandardCharsets.UTF_8));
        return (int) ((crc.getValue() % pods + shard) % pods);
    }

    @Test
    @Order(2)
    void viewersOfEachShardShareThroughTheirOwnPod() throws Exception {
        String page = config.url("/play/" + APP + "/" + ROOM);
        // Viewers 0 and 1 on shard 0, 2 and 3 on shard 1 (chosen by hand; real viewers hash a stable id).
        viewers = new Viewers(page + "?shard=0|" + page + "?shard=0|" + page + "?shard=1|" + page + "?shard=1", 4,
                Map.of("TRACKER_RECONNECT_SCALE", "10"));
        List<JsonArray> seen = new CopyOnWriteArrayList<>();
        await("both shards share within themselves").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(1))
                .conditionEvaluationListener(this::reportAtTimeout).until(() -> {
            JsonArray s = viewers.latest();
            if (s == null || s.size() < 4) {
                return false;
            }
            seen.add(s);
            return allPlaying(s) && p2p(s, 0, 1) > 0 && p2p(s, 2, 3) > 0;
        });
        // Each pod holds exactly its shard's two viewers: two connections, two peers, one swarm.
        for (int shard = 0; shard < 2; shard++) {
            String metrics = trackerMetrics(podOfShard[shard]);
            assertEquals(2, gauge(metrics, "streamhub_tracker_peers"), "peers on the pod of shard " + shard + ": " + metrics);
            assertEquals(2, gauge(metrics, "streamhub_tracker_connections"), "connections on the pod of shard " + shard);
            assertEquals(1, gauge(metrics, "streamhub_tracker_swarms"), "swarms on the pod of shard " + shard);
        }
        for (JsonArray s : seen) {
            for (int i = 0; i < 4; i++) {
                JsonObject v = s.getJsonObject(i);
                assertEquals(i < 2 ? 0 : 1, v.getInteger("shard"), "viewer " + i + "'s shard");
                assertTrue(v.getInteger("peers") <= 1, () -> "a viewer met a peer of the other shard: " + s);
            }
        }
        System.out.println("two shards on two pods: " + brief(viewers.latest()));
    }

    @Test
    @Order(3)
    void aStoppedPodLeavesLinksUpNewViewersOnHttpAndTheOtherShardUntouched() throws Exception {
        int lostShard = 0;
        int keptShard = 1;
        ServiceProcess lost = trackers[podOfShard[lostShard]];
        int keptPod = podOfShard[keptShard];
        String keptBefore = trackerMetrics(keptPod);
        double keptPeers = gauge(keptBefore, "streamhub_tracker_peers");
        double keptAnnounces = counter(keptBefore, "streamhub_tracker_announces_total");

        JsonArray atKill = viewers.latest();
        lost.kill();
        long killedAt = System.nanoTime();
        System.out.println("killed the pod of shard " + lostShard + " at " + brief(atKill));

        // Peer links outlive the tracker: the shard's two viewers keep sharing.
        long lostP2pAtKill = p2p(atKill, 0, 1);
        await("shard 0 keeps sharing without its tracker").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .conditionEvaluationListener(this::reportAtTimeout).until(() -> p2p(viewers.latest(), 0, 1) > lostP2pAtKill);

        // A new viewer of the lost shard plays over HTTP and gets nothing from peers while its tracker is down.
        viewers.command("open " + config.url("/play/" + APP + "/" + ROOM) + "?shard=" + lostShard);
        await("the new viewer plays over HTTP").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .conditionEvaluationListener(this::reportAtTimeout).until(() -> {
            JsonArray s = viewers.latest();
            return s.size() == 5 && "playing".equals(s.getJsonObject(4).getString("state"))
                    && s.getJsonObject(4).getDouble("currentTime") > 4 && s.getJsonObject(4).getLong("http") > 0;
        });
        JsonObject newcomer = viewers.latest().getJsonObject(4);
        assertEquals(lostShard, newcomer.getInteger("shard"));
        double newcomerTime = newcomer.getDouble("currentTime");
        long newcomerHttp = newcomer.getLong("http");
        await("the new viewer keeps playing over HTTP alone").during(Duration.ofSeconds(12)).atMost(Duration.ofSeconds(14))
                .pollInterval(Duration.ofSeconds(1)).until(() -> viewers.latest().getJsonObject(4).getLong("p2p") == 0);
        JsonObject later = viewers.latest().getJsonObject(4);
        assertTrue(later.getDouble("currentTime") > newcomerTime + 4, () -> "the new viewer stalled: " + newcomer + " then " + later);
        assertTrue(later.getLong("http") > newcomerHttp, () -> "the new viewer fetched nothing more: " + later);
        assertEquals(0, later.getLong("p2p"), "P2P bytes without a tracker");

        // The other shard never noticed: same peers on its pod, still announcing, its viewers still sharing.
        long keptP2pAtKill = p2p(atKill, 2, 3);
        await("shard 1 keeps sharing").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> p2p(viewers.latest(), 2, 3) > keptP2pAtKill);
        String keptAfter = trackerMetrics(keptPod);
        assertEquals(keptPeers, gauge(keptAfter, "streamhub_tracker_peers"), "peers on the other pod");
        assertEquals(2, gauge(keptAfter, "streamhub_tracker_connections"), "connections on the other pod");
        assertTrue(counter(keptAfter, "streamhub_tracker_announces_total") >= keptAnnounces);
        assertEquals(0, counter(keptAfter, "streamhub_tracker_refusals_total"), "refusals on the other pod: " + keptAfter);
        System.out.printf("pod of shard %d down for %.0f s: %s%n", lostShard, (System.nanoTime() - killedAt) / 1e9, brief(viewers.latest()));
    }

    @Test
    @Order(4)
    void theRestartedPodTakesItsViewersBackOnTheSameUrl() throws Exception {
        int lostShard = 0;
        int lostPod = podOfShard[lostShard];
        int keptPod = podOfShard[1];
        double keptPeers = gauge(trackerMetrics(keptPod), "streamhub_tracker_peers");
        trackers[lostPod].startAgain();
        long restartedAt = System.nanoTime();
        // Every viewer of the shard reconnects by its client's own rule (scaled, see the class comment)
        // and the new one gets segments from the others.
        await("the new viewer gets P2P bytes once its tracker is back").atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(1))
                .conditionEvaluationListener(this::reportAtTimeout).until(() -> viewers.latest().getJsonObject(4).getLong("p2p") > 0);
        double firstP2p = (System.nanoTime() - restartedAt) / 1e9;
        await("all three viewers of the shard are back on its pod").atMost(Duration.ofSeconds(100)).pollInterval(Duration.ofSeconds(1))
                .conditionEvaluationListener(this::reportAtTimeout)
                .until(() -> gauge(trackerMetrics(lostPod), "streamhub_tracker_peers") == 3);
        System.out.printf("restarted pod: the new viewer's first P2P bytes after %.0f s, all three back after %.0f s: %s%n",
                firstP2p, (System.nanoTime() - restartedAt) / 1e9, brief(viewers.latest()));
        String kept = trackerMetrics(keptPod);
        assertEquals(keptPeers, gauge(kept, "streamhub_tracker_peers"), "the other pod's peers");
        assertEquals(2, gauge(kept, "streamhub_tracker_connections"), "the other pod's connections");
        JsonArray s = viewers.latest();
        assertTrue(allPlaying(s), () -> "every viewer plays: " + s);
        for (int i = 0; i < s.size(); i++) {
            assertEquals(i < 2 || i == 4 ? 0 : 1, s.getJsonObject(i).getInteger("shard"));
            // Shard 0 has three viewers now, shard 1 still two.
            assertTrue(s.getJsonObject(i).getInteger("peers") <= (i < 2 || i == 4 ? 2 : 1), "viewer " + i + " met a viewer of the other shard: " + s);
        }
    }

    static boolean allPlaying(JsonArray s) {
        return s.stream().map(JsonObject.class::cast).allMatch(v -> "playing".equals(v.getString("state")));
    }

    /** P2P bytes received by two viewers together. */
    static long p2p(JsonArray s, int a, int b) {
        return s.getJsonObject(a).getLong("p2p") + s.getJsonObject(b).getLong("p2p");
    }

    /** Per viewer: shard, state, peers, HTTP and P2P bytes, position. */
    static String brief(JsonArray s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.size(); i++) {
            JsonObject v = s.getJsonObject(i);
            out.append(String.format("[v%d shard %s %s peers %s http %d p2p %d t %.0f] ", i, v.getValue("shard"), v.getString("state"),
                    v.getValue("peers"), v.getLong("http"), v.getLong("p2p"), v.getDouble("currentTime")));
        }
        return out.toString().trim();
    }

    static String trackerMetrics(int pod) throws Exception {
        return ViewersIT.get(trackers[pod].url("/q/metrics")).body();
    }

    static double gauge(String metrics, String name) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{[^}]*})? ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(metrics);
        return m.find() ? Double.parseDouble(m.group(1)) : Double.NaN;
    }

    /** A counter summed over its labels. */
    static double counter(String metrics, String name) {
        return counter(metrics, name, "");
    }

    /** A counter summed over the samples whose labels contain {@code label} (such as {@code reason="evicted"}). */
    static double counter(String metrics, String name, String label) {
        Matcher m = Pattern.compile("^" + Pattern.quote(name) + "(?:\\{([^}]*)})? ([0-9.E+-]+)$", Pattern.MULTILINE).matcher(metrics);
        double sum = 0;
        while (m.find()) {
            if (m.group(1) == null ? label.isEmpty() : m.group(1).contains(label)) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private void reportAtTimeout(EvaluatedCondition<?> c) {
        if (c.getRemainingTimeInMS() >= 1000) {
            return;
        }
        JsonArray s = viewers == null ? null : viewers.latest();
        System.out.println("viewers at timeout: " + (s == null ? "none" : brief(s)));
        for (int pod = 0; pod < 2; pod++) {
            try {
                System.out.println("tracker pod " + pod + " at timeout: " + trackerMetrics(pod).lines()
                        .filter(l -> l.startsWith("streamhub_tracker_") && !l.contains("_bytes_")).toList());
            } catch (Exception e) {
                System.out.println("tracker pod " + pod + " metrics unreadable: " + e);
            }
        }
    }
}
