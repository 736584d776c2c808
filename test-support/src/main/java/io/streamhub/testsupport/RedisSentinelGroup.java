package io.streamhub.testsupport;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A Redis that survives a node loss, as the chart runs it: one primary, one replica and three
 * Sentinels (quorum 2) on free 127.0.0.1 ports, real processes ({@code redis-server}, and Debian's
 * {@code redis-sentinel} when installed, else {@code redis-server --sentinel}). Tests kill the
 * primary and watch the Sentinels promote the replica.
 */
public final class RedisSentinelGroup implements AutoCloseable {

    public static final String MASTER_NAME = "streamhub";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

    private final Path workDir;
    private final String server;
    private final long downAfterMillis;
    /** Data nodes by port; a killed node keeps its entry (with a dead process) until restarted. */
    private final Map<Integer, Process> nodes = new ConcurrentHashMap<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private final List<Process> sentinels = new ArrayList<>();

    private RedisSentinelGroup(Path workDir, String server, long downAfterMillis) {
        this.workDir = workDir;
        this.server = server;
        this.downAfterMillis = downAfterMillis;
    }

    /** Starts the group; {@code downAfterMillis} is Sentinel's {@code down-after-milliseconds}. */
    public static RedisSentinelGroup start(Path workDir, long downAfterMillis) throws IOException {
        Files.createDirectories(workDir);
        RedisSentinelGroup g = new RedisSentinelGroup(workDir, LocalRedis.serverBinary(workDir), downAfterMillis);
        try {
            int primary = Ports.freePort();
            g.startNode(primary, null);
            int replica = Ports.freePort();
            g.startNode(replica, primary);
            await("the replica in sync").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(100))
                    .until(() -> g.info(replica, "master_link_status").equals("up"));
            for (int i = 0; i < 3; i++) {
                g.startSentinel(Ports.freePort(), primary);
            }
            // Each Sentinel must know the replica and the other Sentinels before it can fail over.
            await("the Sentinels see each other and the replica").atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(200))
                    .until(g::sentinelsReady);
            return g;
        } catch (IOException | RuntimeException e) {
            g.close();
            throw e;
        }
    }

    /** {@code redis://127.0.0.1:<p>} for each Sentinel, comma-separated: what {@code quarkus.redis.hosts} takes. */
    public String sentinelUrls() {
        return sentinelPorts.stream().map(p -> "redis://127.0.0.1:" + p).collect(Collectors.joining(","));
    }

    public String masterName() {
        return MASTER_NAME;
    }

    /** The primary's port as the first answering Sentinel reports it. */
    public int primaryPort() throws IOException {
        IOException last = null;
        for (int p : sentinelPorts) {
            try {
                Object reply = Resp.call("127.0.0.1", p, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
                if (reply instanceof List<?> addr && addr.size() == 2) {
                    return Integer.parseInt(addr.get(1).toString());
                }
            } catch (IOException e) {
                last = e;
            }
        }
        throw last != null ? last : new IOException("no Sentinel knows " + MASTER_NAME);
    }

    /** One command against the current primary. */
    public String command(String... args) throws IOException {
        return Resp.text("127.0.0.1", primaryPort(), args);
    }

    /** SIGKILLs the primary, as a lost node; returns its port. */
    public int killPrimary() throws IOException {
        int port = primaryPort();
        Process p = nodes.get(port);
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return port;
    }

    /**
     * SIGSTOPs the primary, as a node that dropped off the network: its connections stay open and
     * nothing answers or closes them. Returns its port, for {@link #thaw}.
     */
    public int freezePrimary() throws IOException {
        int port = primaryPort();
        Signals.send(nodes.get(port), "STOP");
        return port;
    }

    /** SIGCONTs a {@link #freezePrimary frozen} node; the Sentinels turn it into a replica. */
    public void thaw(int port) throws IOException {
        Signals.send(nodes.get(port), "CONT");
    }

    /** Waits until the Sentinels name a primary other than {@code oldPort} and it accepts writes. */
    public int awaitFailover(int oldPort, Duration atMost) {
        return await("a Sentinel failover away from " + oldPort).atMost(atMost).pollInterval(Duration.ofMillis(100))
                .ignoreExceptions().until(() -> {
                    int now = primaryPort();
                    return now != oldPort && "master".equals(info(now, "role")) ? now : null;
                }, Objects::nonNull);
    }

    /** True when the node on {@code port} is a replica whose link to the primary is up. */
    public boolean replicaInSync(int port) throws IOException {
        return "slave".equals(info(port, "role")) && "up".equals(info(port, "master_link_status"));
    }

    /** Starts a killed node again, empty, on its port; the Sentinels turn it into a replica of the new primary. */
    public void restartNode(int port) throws IOException {
        startNode(port, null);
    }

    private void startNode(int port, Integer replicaOf) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(server, "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no", "--dir", workDir.toString(), "--dbfilename", "dump-" + port + ".rdb",
                "--protected-mode", "no"));
        if (replicaOf != null) {
            cmd.addAll(List.of("--replicaof", "127.0.0.1", replicaOf.toString()));
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("redis-" + port + ".log").toFile()).start();
        nodes.put(port, p);
        awaitPong(p, port, "redis-server");
    }

    private void startSentinel(int port, int primary) throws IOException {
        // Sentinel rewrites its file with what it learns, so each gets its own.
        Path conf = workDir.resolve("sentinel-" + port + ".conf");
        Files.writeString(conf, String.join("\n",
                "port " + port,
                "bind 127.0.0.1",
                "protected-mode no",
                "dir " + workDir,
                "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + primary + " 2",
                "sentinel down-after-milliseconds " + MASTER_NAME + " " + downAfterMillis,
                "sentinel failover-timeout " + MASTER_NAME + " " + Math.max(10_000, 3 * downAfterMillis),
                "sentinel parallel-syncs " + MASTER_NAME + " 1", ""));
        String debian = Executables.find("redis-sentinel");
        List<String> cmd = debian != null ? List.of(debian, conf.toString()) : List.of(server, conf.toString(), "--sentinel");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(workDir.resolve("sentinel-" + port + ".log").toFile()).start();
        sentinels.add(p);
        sentinelPorts.add(port);
        awaitPong(p, port, "sentinel");
    }

    private void awaitPong(Process p, int port, String what) {
        await(what + " on " + port).atMost(START_TIMEOUT).pollInterval(Duration.ofMillis(25)).ignoreExceptions()
                .until(() -> {
                    if (!p.isAlive()) {
                        throw new IllegalStateException(what + " on " + port + " exited; see its log in " + workDir);
                    }
                    return "PONG".equals(Resp.text("127.0.0.1", port, "PING"));
                });
    }

    private boolean sentinelsReady() throws IOException {
        for (int p : sentinelPorts) {
            Object master = Resp.call("127.0.0.1", p, "SENTINEL", "MASTER", MASTER_NAME);
            if (!(master instanceof List<?> fields)) {
                return false;
            }
            Map<String, String> f = new java.util.HashMap<>();
            for (int i = 0; i + 1 < fields.size(); i += 2) {
                f.put(fields.get(i).toString(), String.valueOf(fields.get(i + 1)));
            }
            if (!"1".equals(f.get("num-slaves")) || !"2".equals(f.get("num-other-sentinels"))) {
                return false;
            }
        }
        return true;
    }

    /** One field of {@code INFO replication} of the node on {@code port}. */
    private String info(int port, String field) throws IOException {
        return Resp.text("127.0.0.1", port, "INFO", "replication").lines().filter(line -> line.startsWith(field + ":"))
                .map(line -> line.substring(field.length() + 1)).findFirst().orElse("");
    }

    @Override
    public void close() {
        List<Process> all = new ArrayList<>(sentinels);
        all.addAll(nodes.values());
        for (Process p : all) {
            p.destroy();
            try {
                Signals.send(p, "CONT"); // a frozen node handles its SIGTERM only once thawed
            } catch (IOException e) {
                p.destroyForcibly();
            }
        }
        for (Process p : all) {
            try {
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
