package io.streamhub.helm;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.Ports;
import io.streamhub.testsupport.Resp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart's {@code files/redis-node.sh}, run as the Sentinel topology's pods run it, against real
 * redis-server and redis-sentinel processes (three members on 127.0.0.1, each on its own ports, as
 * the pods are each on their own host name): a fresh install makes node 0 the primary; after the
 * primary's pod dies and the Sentinels fail over, the restarted pod joins the new primary as a
 * replica instead of taking the role back, and its Sentinel monitors the new primary.
 */
class RedisNodeScriptTest {

    static final String MASTER = "streamhub";
    static final Path SCRIPT = Chart.chartDir().resolve("files/redis-node.sh");

    @TempDir
    Path dir;

    final int[] redisPorts = IntStream.range(0, 3).map(i -> Ports.freePort()).toArray();
    final int[] sentinelPorts = IntStream.range(0, 3).map(i -> Ports.freePort()).toArray();
    /** Per member: its redis and its sentinel, as the pod's two containers. */
    final List<List<Process>> pods = new ArrayList<>(List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>()));

    @AfterEach
    void stopAll() {
        pods.forEach(this::kill);
    }

    @Test
    void aPodThatRestartsAfterAFailoverJoinsTheNewPrimaryInsteadOfTakingTheRoleBack() throws Exception {
        for (int i = 0; i < 3; i++) {
            startPod(i);
        }
        await("node 0 is the primary of a fresh install, the others its replicas").atMost(Duration.ofSeconds(20))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> role(0).equals("master")
                        && role(1).equals("slave") && role(2).equals("slave") && replicasOf(0) == 2);
        for (int i = 0; i < 3; i++) {
            assertEquals(redisPorts[0], primaryPortSeenBy(i), "sentinel " + i);
        }

        // The primary's pod dies (both containers); the two Sentinels left fail over.
        kill(pods.get(0));
        int newPrimary = await("a failover to node 1 or 2").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> primaryPortSeenBy(1), p -> p != redisPorts[0]);
        int promoted = newPrimary == redisPorts[1] ? 1 : 2;
        await("node " + promoted + " is promoted").atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> role(promoted).equals("master"));

        // The pod comes back with empty config (an emptyDir is new with the pod): it must ask.
        deleteConfigs(0);
        startPod(0);
        await("node 0 rejoins as a replica of node " + promoted).atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> role(0).equals("slave")
                        && Resp.call("127.0.0.1", redisPorts[0], "ROLE") instanceof List<?> r && r.get(2).toString().equals(Integer.toString(newPrimary)));
        assertEquals(newPrimary, primaryPortSeenBy(0), "the restarted Sentinel monitors the new primary");
        assertTrue(Files.readString(dir.resolve("pod-0/redis.log")).contains("as a replica of 127.0.0.1:" + newPrimary));

        // And the set works: a write on the primary reaches the rejoined node.
        Resp.call("127.0.0.1", newPrimary, "SET", "after-failover", "yes");
        await("replication to the rejoined node").atMost(Duration.ofSeconds(10)).ignoreExceptions()
                .until(() -> "yes".equals(Resp.text("127.0.0.1", redisPorts[0], "GET", "after-failover")));
        assertNotEquals(redisPorts[0], primaryPortSeenBy(2), "nobody went back to node 0");
    }

    @Test
    void anUnknownRoleOrAMissingSettingIsAClearErrorAndStartsNothing() throws Exception {
        Process wrongRole = script("primary", 0, Map.of()).start();
        assertTrue(wrongRole.waitFor(20, TimeUnit.SECONDS));
        assertEquals(2, wrongRole.exitValue());
        assertTrue(new String(wrongRole.getErrorStream().readAllBytes()).contains("unknown role 'primary'"));

        ProcessBuilder noNodes = script("redis", 0, Map.of());
        noNodes.environment().remove("NODES");
        Process p = noNodes.start();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue());
        assertTrue(new String(p.getErrorStream().readAllBytes()).contains("NODES"));

        Process outOfRange = script("redis", 7, Map.of()).start();
        assertTrue(outOfRange.waitFor(20, TimeUnit.SECONDS));
        assertNotEquals(0, outOfRange.exitValue());
        assertTrue(new String(outOfRange.getErrorStream().readAllBytes()).contains("no member 7"));
        assertTrue(Files.notExists(dir.resolve("pod-7/redis.conf")), "no config written for a member that does not exist");
    }

    private void startPod(int i) throws IOException {
        Path pod = Files.createDirectories(dir.resolve("pod-" + i));
        pods.get(i).add(script("redis", i, Map.of()).redirectErrorStream(true).redirectOutput(pod.resolve("redis.log").toFile()).start());
        await("redis " + i).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> "PONG".equals(Resp.text("127.0.0.1", redisPorts[i], "PING")));
        pods.get(i).add(script("sentinel", i, Map.of()).redirectErrorStream(true).redirectOutput(pod.resolve("sentinel.log").toFile()).start());
        await("sentinel " + i).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50)).ignoreExceptions()
                .until(() -> "PONG".equals(Resp.text("127.0.0.1", sentinelPorts[i], "PING")));
    }

    private ProcessBuilder script(String role, int ordinal, Map<String, String> extra) {
        ProcessBuilder pb = new ProcessBuilder("sh", SCRIPT.toString(), role);
        Map<String, String> env = pb.environment();
        env.put("NODES", members(redisPorts));
        env.put("SENTINELS", members(sentinelPorts));
        env.put("ORDINAL", Integer.toString(ordinal));
        env.put("MASTER_NAME", MASTER);
        env.put("CONF_DIR", dir.resolve("pod-" + ordinal).toString());
        env.put("BIND", "127.0.0.1");
        env.put("DOWN_AFTER_MS", "1000");
        env.put("FAILOVER_TIMEOUT_MS", "3000");
        env.putAll(extra);
        return pb;
    }

    private static String members(int[] ports) {
        return IntStream.of(ports).mapToObj(p -> "127.0.0.1:" + p).collect(Collectors.joining(" "));
    }

    private String role(int i) throws IOException {
        return ((List<?>) Resp.call("127.0.0.1", redisPorts[i], "ROLE")).get(0).toString();
    }

    private int replicasOf(int i) throws IOException {
        return ((List<?>) ((List<?>) Resp.call("127.0.0.1", redisPorts[i], "ROLE")).get(2)).size();
    }

    private int primaryPortSeenBy(int sentinel) throws IOException {
        List<?> addr = (List<?>) Resp.call("127.0.0.1", sentinelPorts[sentinel], "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER);
        return Integer.parseInt(addr.get(1).toString());
    }

    private void deleteConfigs(int i) throws IOException {
        Files.deleteIfExists(dir.resolve("pod-" + i + "/redis.conf"));
        Files.deleteIfExists(dir.resolve("pod-" + i + "/sentinel.conf"));
    }

    private void kill(List<Process> pod) {
        for (Process p : pod) {
            p.destroyForcibly();
            try {
                p.waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        pod.clear();
    }
}
