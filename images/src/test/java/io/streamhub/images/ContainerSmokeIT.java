package io.streamhub.images;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.Ports;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The images as the chart runs them: built by {@code images/build-images.sh} from a fresh base, then
 * Redis (a real server on the host) and the four service containers on host loopback with
 * ephemeral ports, read-only root filesystems, a tmpfs /tmp, no capabilities and a memory limit.
 * One room streamed by the simulated egress is fetched through the router container, and the
 * tracker container accepts an announce. Every container is removed by id at the end.
 *
 * <p>{@code -Dimages.flavor=native} runs the same checks on the chart's {@code image.flavor=native}
 * images (the {@code -native} tags, built from each service's linked executable: {@code native/images.sh},
 * which is not part of {@code ./mvnw verify}; docs/architecture.md, "Native").
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerSmokeIT {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static final Path WORK = Path.of(System.getProperty("user.dir"), "target", "smoke");
    /** {@code jvm} (the default, in {@code ./mvnw verify}) or {@code native}. */
    static final String FLAVOR = System.getProperty("images.flavor", "jvm");
    static final boolean NATIVE = "native".equals(FLAVOR);
    static final String TAG = NATIVE ? "0.1.0-native" : "0.1.0";
    static final long MEMORY = 512L * 1024 * 1024;
    static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static LocalRedis redis;
    static final List<String> containers = new ArrayList<>();
    static final Map<String, Integer> ports = new java.util.HashMap<>();

    @BeforeAll
    static void buildAndStart() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        assumeTrue(Podman.available() && root, "podman is not installed (or not root): container smoke test skipped"
                + " (apt-get install -y podman runc debootstrap; .ci/run does)");
        Files.createDirectories(WORK);
        Path log = WORK.resolve("build-images.log");
        assertTrue(NATIVE || "jvm".equals(FLAVOR), "images.flavor is jvm or native, not " + FLAVOR);
        assertEquals(0, Podman.script(ROOT.resolve("images/build-images.sh"), log, 900, Map.of("IMAGE_FLAVOR", FLAVOR)),
                () -> "build-images.sh failed: " + tail(log));

        redis = LocalRedis.start(WORK.resolve("redis"));
        Path apps = Files.createDirectories(WORK.resolve("apps"));
        Files.writeString(apps.resolve("smoke.yaml"), """
                app: smoke
                distribution:
                  mode: p2p
                  hls:
                    segment_seconds: 2
                  p2p:
                    enabled: true
                """);
        Path data = WORK.resolve("data");
        Files.createDirectories(data);
        Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxrwxrwx")); // the services run as UID 185
        for (String p : List.of("router", "config", "orchestrator", "tracker", "tracker-ws",
                "router-management", "config-management", "orchestrator-management", "tracker-management")) {
            ports.put(p, Ports.freePort());
        }
        String redisUrl = redis.url();
        start("hls-router", "-e", "PORT=" + ports.get("router"), "-e", "MANAGEMENT_PORT=" + ports.get("router-management"), "-e", "REDIS_URL=" + redisUrl, "-e", "ROUTER_ROLE=all-in-one",
                "-e", "ROUTER_NODE_ID=smoke", "-e", "ROUTER_ADVERTISED_URL=http://127.0.0.1:" + ports.get("router"),
                "-e", "ROUTER_ORIGIN_DATA_DIR=/data", "-v", data + ":/data:ro");
        start("config-service", "-e", "PORT=" + ports.get("config"), "-e", "MANAGEMENT_PORT=" + ports.get("config-management"), "-e", "REDIS_URL=" + redisUrl,
                "-e", "STREAMHUB_CONFIG_FOLDER=/apps", "-e", "STREAMHUB_CONFIG_POLL_INTERVAL=1s",
                "-e", "STREAMHUB_CONFIG_PUBLIC_HLS_URL=http://127.0.0.1:" + ports.get("router"), "-v", apps + ":/apps:ro");
        start("egress-orchestrator", "-e", "PORT=" + ports.get("orchestrator"),
                "-e", "MANAGEMENT_PORT=" + ports.get("orchestrator-management"), "-e", "REDIS_URL=" + redisUrl,
                "-e", "ORCHESTRATOR_DRIVER=simulated", "-e", "ORCHESTRATOR_SIMULATED_DATA_DIR=/data",
                "-e", "ORCHESTRATOR_SIMULATED_ROOMS=smoke:main", "-e", "ORCHESTRATOR_LIVEKIT_DISCOVER=false",
                "-e", "ORCHESTRATOR_RECONCILE_INTERVAL=1s", "-v", data + ":/data");
        start("p2p-tracker", "-e", "PORT=" + ports.get("tracker"), "-e", "MANAGEMENT_PORT=" + ports.get("tracker-management"), "-e", "WS_PORT=" + ports.get("tracker-ws"),
                "-e", "TRACKER_WS_HOST=127.0.0.1", "-e", "REDIS_URL=" + redisUrl);
    }

    /** Runs an image the way the chart's pod spec does; host networking, so each service gets its own port. */
    static void start(String service, String... settings) throws Exception {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", "smoke-" + service + "-" + ProcessHandle.current().pid(),
                "--network=host", "--read-only", "--tmpfs", "/tmp:rw,size=256m", "--cap-drop=ALL",
                "--security-opt", "no-new-privileges", "--memory", String.valueOf(MEMORY),
                "--ulimit", "nofile=16384:16384", "--ulimit", "nproc=4096:4096"));
        args.addAll(List.of(settings));
        args.add(image(service));
        Podman.Result r = Podman.run(60, args.toArray(String[]::new));
        assertEquals(0, r.exit(), () -> "podman run " + service + ": " + r.out());
        containers.add(r.out().lines().reduce((a, b) -> b).orElseThrow());
    }

    static String image(String service) {
        return "ghcr.io/streamhub/" + service + ":" + TAG;
    }

    @AfterAll
    static void stopAll() throws Exception {
        for (String id : containers) {
            Podman.run(60, "rm", "-f", "-t", "2", id);
        }
        if (redis != null) {
            redis.close();
        }
    }

    @Test
    @Order(1)
    void everyServiceBecomesReady() {
        for (String p : List.of("router", "config", "orchestrator", "tracker")) {
            await(p + " ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> status("http://127.0.0.1:" + ports.get(p + "-management") + "/q/health/ready") == 200);
        }
    }

    @Test
    @Order(2)
    void aRoomStreamedByTheSimulatedEgressPlaysThroughTheRouterContainer() throws Exception {
        String base = "http://127.0.0.1:" + ports.get("router") + "/hls/smoke/main/";
        await("the room is live at the router").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> status(base + "index.m3u8") == 200);
        HttpResponse<String> playlist = HTTP.send(HttpRequest.newBuilder(URI.create(base + "index.m3u8")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals("application/vnd.apple.mpegurl", playlist.headers().firstValue("content-type").orElse(""));
        assertTrue(playlist.body().startsWith("#EXTM3U"), playlist.body());
        Matcher segment = Pattern.compile("(?m)^([^#\\s][^\\s]*\\.ts)$").matcher(playlist.body());
        assertTrue(segment.find(), () -> "no segment in " + playlist.body());
        HttpResponse<byte[]> ts = HTTP.send(HttpRequest.newBuilder(URI.create(base + segment.group(1))).build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, ts.statusCode());
        assertTrue(ts.body().length > 1000 && ts.body()[0] == 0x47, "an MPEG-TS segment (sync byte 0x47)");
        String playback = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("config")
                + "/api/apps/smoke/rooms/main/playback")).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertTrue(playback.contains("\"enabled\":true"), playback);
    }

    @Test
    @Order(3)
    void theTrackerContainerAcceptsAnAnnounce() throws Exception {
        String[] last = {""};
        await("the tracker knows the app").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .conditionEvaluationListener(c -> {
                    if (c.getRemainingTimeInMS() <= 500) {
                        System.out.println("last announce reply: " + last[0]);
                    }
                })
                .until(() -> (last[0] = announce()).contains("\"interval\""));
        assertFalse(last[0].contains("failure reason"), last[0]);
    }

    @Test
    @Order(4)
    void theImagesRunAsTheChartRunsThem() throws Exception {
        for (String service : List.of("hls-router", "config-service", "egress-orchestrator", "p2p-tracker")) {
            Podman.Result inspect = Podman.run(30, "image", "inspect", "--format",
                    "{{.Config.User}}|{{index .Config.Labels \"org.opencontainers.image.version\"}}|{{index .Config.Labels \"org.opencontainers.image.revision\"}}|{{.Size}}|{{json .Config.Entrypoint}}",
                    image(service));
            assertEquals(0, inspect.exit(), inspect.out());
            String[] f = inspect.out().split("\\|");
            assertEquals("185", f[0], service + " runs as the chart's UID");
            assertEquals(TAG, f[1], service + " carries its version label");
            assertTrue(f[2].matches("[0-9a-f]{40}"), () -> service + " carries the git revision: " + f[2]);
            assertTrue(Long.parseLong(f[3]) <= 200_000_000L, () -> service + " is " + f[3] + " bytes, over the 200 MB goal");
            String entrypoint = NATIVE ? "[\"/deployments/application\"" : "[\"/opt/java/bin/java\"";
            assertTrue(f[4].startsWith(entrypoint), () -> service + " starts its runtime itself, no shell: " + f[4]);
        }
        if (NATIVE) {
            assertNativeHeapFollowsTheLimit();
        } else {
            assertJvmHeapFollowsTheLimit();
        }
        // No shell is needed, and none is there to be misused.
        Podman.Result shell = Podman.run(30, "run", "--rm", "--entrypoint", "/bin/sh", image("p2p-tracker"), "-c", "true");
        assertTrue(shell.exit() != 0, () -> "the image has a shell: " + shell.out());
    }

    static void assertJvmHeapFollowsTheLimit() throws Exception {
        // The heap comes from the container's memory limit, with the collector chosen, not SerialGC by default.
        String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ports.get("router-management") + "/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher old = Pattern.compile("(?m)^jvm_memory_max_bytes\\{area=\"heap\",id=\"G1 Old Gen\"[^}]*} ([0-9.E+]+)$").matcher(metrics);
        assertTrue(old.find(), "the router runs G1");
        double heap = Double.parseDouble(old.group(1));
        assertTrue(heap > 0.6 * MEMORY && heap <= 0.75 * MEMORY, () -> "heap " + heap + " of a " + MEMORY + "-byte limit");
    }

    /**
     * A native executable has no heap pools with a maximum to scrape, so its collector says what it
     * sized: a router run with {@code -XX:+VerboseGC} (after the image's own options) prints the
     * memory it found in the cgroup and the heap it took from it at its first collection, which
     * scraping metrics brings soon.
     */
    static void assertNativeHeapFollowsTheLimit() throws Exception {
        int port = Ports.freePort();
        int management = Ports.freePort();
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", "smoke-heap-" + ProcessHandle.current().pid(),
                "--network=host", "--read-only", "--tmpfs", "/tmp:rw,size=256m", "--cap-drop=ALL", "--memory", String.valueOf(MEMORY),
                "--ulimit", "nofile=16384:16384", "--ulimit", "nproc=4096:4096", "-e", "PORT=" + port, "-e", "MANAGEMENT_PORT=" + management,
                "-e", "REDIS_URL=" + redis.url(), "-e", "ROUTER_ROLE=master", "-e", "ROUTER_NODE_ID=smoke-heap",
                "-e", "ROUTER_ADVERTISED_URL=http://127.0.0.1:" + port, image("hls-router"), "-XX:+VerboseGC"));
        Podman.Result r = Podman.run(60, args.toArray(String[]::new));
        assertEquals(0, r.exit(), () -> "podman run: " + r.out());
        String id = r.out().lines().reduce((a, b) -> b).orElseThrow();
        try {
            String metrics = "http://127.0.0.1:" + management + "/q/metrics";
            String[] logs = {""};
            await("the native router's first collection").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                    .until(() -> {
                        for (int i = 0; i < 50; i++) {
                            status(metrics); // each scrape allocates; the first collection prints the heap's sizing
                        }
                        logs[0] = Podman.run(30, "logs", id).out();
                        return logs[0].contains("Maximum heap size:");
                    });
            Matcher memory = Pattern.compile("Memory: (\\d+)M").matcher(logs[0]);
            Matcher heap = Pattern.compile("Maximum heap size: (\\d+)M").matcher(logs[0]);
            assertTrue(memory.find() && heap.find(), () -> tail(logs[0]));
            assertEquals(MEMORY >> 20, Long.parseLong(memory.group(1)), "the memory the executable read from its cgroup");
            long max = Long.parseLong(heap.group(1)) << 20;
            assertTrue(max > 0.6 * MEMORY && max <= 0.75 * MEMORY, () -> "heap " + max + " of a " + MEMORY + "-byte limit");
        } finally {
            Podman.run(60, "rm", "-f", "-t", "2", id);
        }
    }

    @Test
    @Order(5)
    void sigtermStopsEveryServiceCleanlyWithinTheChartsGracePeriod() throws Exception {
        for (String id : containers) {
            long t0 = System.nanoTime();
            Podman.Result stop = Podman.run(60, "stop", "-t", "15", id);
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            assertEquals(0, stop.exit(), stop.out());
            assertTrue(ms < 15_000, () -> id + " took " + ms + " ms to stop, past the grace period (it was killed)");
            String logs = Podman.run(30, "logs", id).out();
            assertTrue(logs.contains("stopped in"), () -> id + " did not shut down through Quarkus: " + tail(logs));
        }
    }

    static String announce() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket ws = HTTP.newWebSocketBuilder().buildAsync(URI.create("ws://127.0.0.1:" + ports.get("tracker-ws") + "/announce/smoke/main"),
                new WebSocket.Listener() {
                    final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            reply.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket socket, Throwable error) {
                        reply.completeExceptionally(error);
                    }
                }).get(5, TimeUnit.SECONDS);
        try {
            ws.sendText("{\"action\":\"announce\",\"info_hash\":\"smoke-swarm-hash-001\",\"peer_id\":\"-SM0001-smokepeer001\","
                    + "\"numwant\":5,\"uploaded\":0,\"downloaded\":0,\"left\":1,\"event\":\"started\",\"offers\":[]}", true);
            return reply.get(5, TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }

    static int status(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    static String tail(Path log) {
        try {
            return tail(Files.readString(log));
        } catch (IOException e) {
            return e.toString();
        }
    }

    static String tail(String text) {
        return text.length() > 3000 ? text.substring(text.length() - 3000) : text;
    }
}
