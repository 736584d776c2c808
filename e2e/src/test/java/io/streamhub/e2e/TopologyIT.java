package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production topology as processes: two origin routers (media nodes B and C), a master in
 * front (the CDN's origin), config-service, and the simulated egress on node B. A viewer plays
 * through the master; node B dies and the egress restarts on node C; playback recovers.
 */
class TopologyIT {

    static final Path WORK = Path.of("target", "e2e-topology").toAbsolutePath();

    @Test
    @SuppressWarnings("try") // node C and the second egress only need to run while the viewer recovers
    void playbackThroughTheMasterFollowsTheRoomWhenItMovesToAnotherNode() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Path dataB = WORK.resolve("node-b");
        Path dataC = WORK.resolve("node-c");
        Files.writeString(WORK.resolve("apps/move.yaml"), """
                app: move
                distribution:
                  mode: p2p
                  hls:
                    segment_seconds: 2
                    list_size: 8
                  p2p:
                    enabled: false
                """);
        try (LocalRedis redis = LocalRedis.start(WORK.resolve("redis"));
             ServiceProcess nodeB = origin(redis, "node-b", dataB);
             ServiceProcess nodeC = origin(redis, "node-c", dataC);
             ServiceProcess master = ServiceProcess.start("master", ViewersIT.jar("hls-router"), port -> Map.of("REDIS_URL", redis.url(),
                     "ROUTER_ROLE", "master", "ROUTER_NODE_ID", "master", "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port));
             ServiceProcess config = ServiceProcess.start("config-topology", ViewersIT.jar("config-service"), port -> Map.of(
                     "REDIS_URL", redis.url(), "STREAMHUB_CONFIG_FOLDER", WORK.resolve("apps").toString(),
                     "STREAMHUB_CONFIG_PUBLIC_HLS_URL", master.url(""), "STREAMHUB_CONFIG_PUBLIC_URL", "http://127.0.0.1:" + port))) {
            ServiceProcess egressOnB = egress(redis, "egress-on-b", dataB);
            try (Viewers viewer = new Viewers(config.url("/play/move/hall"), 1)) {
                await("the viewer plays through the master").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> playingPast(viewer, 6));
                String onB = ViewersIT.get(master.url("/hls/move/hall/index.m3u8")).body();
                assertTrue(onB.contains("g1-seg"), "served from node B's egress");

                // Node B dies with its egress. A simulated egress writes one data dir only, so a second
                // orchestrator process stands in for the egress being restarted on node C.
                nodeB.kill();
                egressOnB.kill();
                double before = currentTime(viewer);
                long movedAt = System.nanoTime();
                try (ServiceProcess egressOnC = egress(redis, "egress-on-c", dataC)) {
                    await("playback recovers").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                            .until(() -> ViewersIT.get(master.url("/hls/move/hall/index.m3u8")).body().contains("g2-seg")
                                    && playingPast(viewer, before + 6));
                    System.out.printf("room moved from node B to node C; the viewer played on after %d ms%n",
                            (System.nanoTime() - movedAt) / 1_000_000);
                    // Node C's egress numbers from 0 again; the room's public numbers carry on from node B's.
                    String onC = ViewersIT.get(master.url("/hls/move/hall/index.m3u8")).body();
                    long newestOnB = mediaSequence(onB) + segments(onB).size() - 1;
                    assertTrue(publicMinusOwnNumber(onC, "g2-seg") > newestOnB, onB + "\n---\n" + onC);
                    assertTrue(newestDiscontinuity(onC) > newestDiscontinuity(onB), "a new encoder starts a discontinuity: " + onC);
                }
            } finally {
                egressOnB.close();
            }
        }
    }

    static ServiceProcess origin(LocalRedis redis, String node, Path data) throws Exception {
        return ServiceProcess.start(node, ViewersIT.jar("hls-router"), port -> Map.of("REDIS_URL", redis.url(), "ROUTER_ROLE", "origin",
                "ROUTER_NODE_ID", node, "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port, "ROUTER_ORIGIN_DATA_DIR", data.toString()));
    }

    static ServiceProcess egress(LocalRedis redis, String name, Path data) throws Exception {
        return ServiceProcess.start(name, ViewersIT.jar("egress-orchestrator"), Map.of("REDIS_URL", redis.url(),
                "ORCHESTRATOR_DRIVER", "simulated", "ORCHESTRATOR_SIMULATED_DATA_DIR", data.toString(),
                "ORCHESTRATOR_SIMULATED_ROOMS", "move:hall", "ORCHESTRATOR_LIVEKIT_DISCOVER", "false",
                "ORCHESTRATOR_RECONCILE_INTERVAL", "1s", "ORCHESTRATOR_LOCK_TTL", "3s"));
    }

    static long mediaSequence(String playlist) {
        return tag(playlist, "#EXT-X-MEDIA-SEQUENCE:", -1);
    }

    static List<String> segments(String playlist) {
        return playlist.lines().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
    }

    /** How far the served numbers of a generation's segments are from the numbers its egress gave them. */
    static long publicMinusOwnNumber(String playlist, String prefix) {
        List<String> uris = segments(playlist);
        for (int i = 0; i < uris.size(); i++) {
            String name = uris.get(i).substring(uris.get(i).lastIndexOf('/') + 1);
            int at = name.indexOf(prefix); // segment names begin with the session: <session>-g2-seg00000.ts
            if (at == 0 || (at > 0 && name.charAt(at - 1) == '-')) {
                long own = Long.parseLong(name.substring(at + prefix.length(), name.indexOf('.')));
                return mediaSequence(playlist) + i - own;
            }
        }
        throw new AssertionError("no " + prefix + " segment in " + playlist);
    }

    /** The discontinuity sequence number of the playlist's newest segment. */
    static long newestDiscontinuity(String playlist) {
        return tag(playlist, "#EXT-X-DISCONTINUITY-SEQUENCE:", 0) + playlist.split("#EXT-X-DISCONTINUITY\n", -1).length - 1;
    }

    private static long tag(String playlist, String prefix, long absent) {
        for (String line : playlist.split("\n")) {
            if (line.startsWith(prefix)) {
                return Long.parseLong(line.substring(prefix.length()).trim());
            }
        }
        if (absent < 0) {
            throw new AssertionError("no " + prefix + " in " + playlist);
        }
        return absent;
    }

    static double currentTime(Viewers v) {
        return v.latest() == null ? 0 : v.latest().getJsonObject(0).getDouble("currentTime");
    }

    static boolean playingPast(Viewers v, double seconds) {
        if (v.latest() == null) {
            return false;
        }
        JsonObject s = v.latest().getJsonObject(0);
        return "playing".equals(s.getString("state")) && s.getDouble("currentTime") > seconds;
    }
}
