package io.streamhub.e2e;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.testsupport.LocalRedis;
import io.streamhub.testsupport.Ports;
import io.streamhub.testsupport.ServiceProcess;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What operators scrape, read off the four running services after a viewer's worth of traffic:
 * every {@code streamhub_*} family follows Prometheus conventions (snake_case, counters end in
 * {@code _total}, base units named), docs/configuration.md's metrics table lists exactly the
 * families the services export, and every metric the chart's Grafana dashboard and alert rules
 * query is one of them.
 */
class MetricsContractIT {

    static final Path WORK = Path.of("target", "e2e-metrics").toAbsolutePath();
    static final Path ROOT = Path.of(System.getProperty("streamhub.root", "..")).toAbsolutePath().normalize();
    static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);
    static final Pattern USED = Pattern.compile("\\bstreamhub_[a-z0-9_]+");
    static final Pattern DOCUMENTED = Pattern.compile("^\\| `(streamhub_[a-z0-9_]+)` \\| (\\w+) \\|", Pattern.MULTILINE);
    /** Suffixes a query adds to a family name (histograms and summaries). */
    static final List<String> SAMPLE_SUFFIXES = List.of("_bucket", "_count", "_sum", "_max");

    @Test
    void everyExportedMetricFollowsTheConventionsIsDocumentedAndCoversTheDashboardAndAlerts() throws Exception {
        ViewersIT.deleteRecursively(WORK);
        Files.createDirectories(WORK.resolve("apps"));
        Path data = WORK.resolve("data");
        int wsPort = Ports.freePort();
        Files.writeString(WORK.resolve("apps/metrics.yaml"), """
                app: metrics
                distribution:
                  mode: p2p
                  hls:
                    segment_seconds: 2
                  p2p:
                    enabled: true
                    ice_servers: []
                    trackers: [ws://127.0.0.1:%d/announce]
                """.formatted(wsPort));
        LocalRedis redis = LocalRedis.start(WORK.resolve("redis"));
        List<ServiceProcess> services = new ArrayList<>();
        try {
            keep(services, ServiceProcess.start("metrics-origin", ViewersIT.jar("hls-router"), port -> Map.of(
                    "REDIS_URL", redis.url(), "ROUTER_ROLE", "origin", "ROUTER_NODE_ID", "node-a",
                    "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port, "ROUTER_ORIGIN_DATA_DIR", data.toString())));
            // Viewers reach the room through the master, as behind a CDN: both router roles export.
            ServiceProcess router = keep(services, ServiceProcess.start("metrics-master", ViewersIT.jar("hls-router"), port -> Map.of(
                    "REDIS_URL", redis.url(), "ROUTER_ROLE", "master", "ROUTER_NODE_ID", "master",
                    "ROUTER_ADVERTISED_URL", "http://127.0.0.1:" + port)));
            // As the chart runs it: JSON log lines (checked below).
            keep(services, ServiceProcess.start("metrics-tracker", ViewersIT.jar("p2p-tracker"), Map.of(
                    "REDIS_URL", redis.url(), "WS_PORT", Integer.toString(wsPort), "TRACKER_WS_HOST", "127.0.0.1", "LOG_JSON", "true")));
            Map<String, String> redisEnv = Map.of("REDIS_URL", redis.url());
            ServiceProcess config = keep(services, ServiceProcess.start("metrics-config", ViewersIT.jar("config-service"),
                    port -> E2eEnv.merge(redisEnv, E2eEnv.configService(WORK, router.url(""), port))));
            keep(services, ServiceProcess.start("metrics-egress", ViewersIT.jar("egress-orchestrator"),
                    E2eEnv.merge(redisEnv, E2eEnv.simulatedEgress(data, "metrics:main"))));
            await("the room plays").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> ViewersIT.get(router.url("/hls/metrics/main/index.m3u8")).statusCode() == 200);
            traffic(router, config, wsPort);

            // Health, metrics and OpenAPI are on the management port only: a NetworkPolicy can close them to viewers.
            for (ServiceProcess s : services) {
                for (String path : List.of("/q/metrics", "/q/health/ready", "/q/openapi")) {
                    assertEquals(404, ViewersIT.get("http://127.0.0.1:" + s.port() + path).statusCode(), s.url(path) + " on the public port");
                }
                assertEquals(200, ViewersIT.get(s.url("/q/health/ready")).statusCode());
            }

            Map<String, String> exported = new TreeMap<>();
            for (ServiceProcess s : services) {
                exported.putAll(families(ViewersIT.get(s.url("/q/metrics")).body()));
            }
            exported.forEach((name, type) -> System.out.printf("metric %-55s %s%n", name, type));

            List<String> problems = new ArrayList<>();
            exported.forEach((name, type) -> problems.addAll(conventionProblems(name, type)));
            assertEquals(List.of(), problems, "metric names off the Prometheus conventions");

            Map<String, String> documented = documented();
            Set<String> undocumented = new TreeSet<>(exported.keySet());
            undocumented.removeAll(documented.keySet());
            assertEquals(Set.of(), undocumented, "exported but missing from docs/configuration.md's metrics table");
            Map<String, String> wrongType = new TreeMap<>();
            exported.forEach((name, type) -> {
                if (documented.containsKey(name) && !documented.get(name).equals(type)) {
                    wrongType.put(name, "exported as " + type + ", documented as " + documented.get(name));
                }
            });
            assertEquals(Map.of(), wrongType);
            Set<String> gone = new TreeSet<>(documented.keySet());
            gone.removeAll(exported.keySet());
            gone.removeAll(afterAnEvent());
            assertEquals(Set.of(), gone, "documented as always exported, but no service exports it");

            for (Path file : List.of(ROOT.resolve("helm/streamhub/files/grafana/streamhub.json"),
                    ROOT.resolve("helm/streamhub/files/prometheus/alerts.yaml"))) {
                Set<String> missing = new TreeSet<>();
                for (String used : used(Files.readString(file))) {
                    if (!exported.containsKey(used) && !exported.containsKey(stripSuffix(used))) {
                        missing.add(used);
                    }
                }
                assertEquals(Set.of(), missing, ROOT.relativize(file) + " queries metrics no service exports");
            }

            // LOG_JSON=true: every line the tracker printed is one JSON object with a level and a message.
            List<String> lines = Files.readAllLines(Path.of("target", "it-logs", "metrics-tracker.log"));
            assertTrue(lines.size() > 3, "the tracker logged: " + lines);
            for (String line : lines) {
                JsonObject entry = new JsonObject(line);
                assertTrue(entry.containsKey("level") && entry.containsKey("message") && entry.containsKey("timestamp"), line);
            }
        } finally {
            for (int i = services.size() - 1; i >= 0; i--) {
                services.get(i).close();
            }
            redis.close();
        }
    }

    /** What a viewer and a player cause: playlists and segments, an announce (and a refused one), a stats report. */
    private static void traffic(ServiceProcess router, ServiceProcess config, int wsPort) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        String playlist = ViewersIT.get(router.url("/hls/metrics/main/index.m3u8")).body();
        String segment = playlist.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).findFirst().orElseThrow();
        assertEquals(200, ViewersIT.get(router.url("/hls/metrics/main/" + segment)).statusCode());
        assertEquals(404, ViewersIT.get(router.url("/hls/metrics/nobody/index.m3u8")).statusCode());
        HttpResponse<String> playback = ViewersIT.get(config.url("/api/apps/metrics/rooms/main/playback"));
        assertEquals(200, playback.statusCode());
        String ticket = new JsonObject(playback.body()).getString("viewer");
        HttpResponse<String> report = http.send(HttpRequest.newBuilder(URI.create(config.url("/api/apps/metrics/rooms/main/stats")))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"ticket\":\"" + ticket + "\",\"httpBytes\":1000,\"p2pBytes\":500,"
                        + "\"rejectedSegments\":1,\"p2pAbortedBytes\":200,\"p2pDuplicateBytes\":0,\"p2pRejectedBytes\":300,"
                        + "\"refetchedSegments\":1,\"startupSeconds\":1.2,\"stalls\":1,\"stalledSeconds\":0.4,"
                        + "\"playedSeconds\":4.6,\"behindLiveSeconds\":9.5}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(204, report.statusCode(), report.body());
        try (ViewerPath accepted = new ViewerPath(() -> router.url("/hls/metrics/main/index.m3u8"),
                () -> config.url("/api/apps/metrics/rooms/main/playback"), wsPort, "/announce/metrics/main");
             ViewerPath refused = new ViewerPath(() -> router.url("/hls/metrics/main/index.m3u8"),
                     () -> config.url("/api/apps/metrics/rooms/main/playback"), wsPort, "/announce/unknown-app/main")) {
            await("an accepted announce").atMost(Duration.ofSeconds(30)).until(() -> accepted.rounds.stream().anyMatch(ViewerPath.Round::tracker));
            await("a refused announce").atMost(Duration.ofSeconds(30)).until(() -> refused.rounds.size() >= 3);
        }
    }

    /**
     * The names a query uses ({@code streamhub_*} only) → their family's type: a counter's samples
     * ({@code _total}), a gauge's name, a summary's or histogram's family name (queries add
     * {@code _count}, {@code _sum}, {@code _bucket}).
     */
    static Map<String, String> families(String exposition) {
        Map<String, String> types = new TreeMap<>();
        Matcher m = TYPE.matcher(exposition);
        while (m.find()) {
            if (m.group(1).startsWith("streamhub_")) {
                types.put(m.group(1), m.group(2));
            }
        }
        Map<String, String> out = new TreeMap<>();
        for (String line : exposition.split("\n")) {
            if (!line.startsWith("streamhub_")) {
                continue;
            }
            String sample = line.split("[{ ]", 2)[0];
            String family = sample;
            if (!types.containsKey(family) && sample.endsWith("_total")) {
                family = sample.substring(0, sample.length() - "_total".length());
            }
            if (!types.containsKey(family)) {
                family = stripSuffix(sample);
            }
            String type = types.get(family);
            if (type == null) {
                throw new AssertionError("sample " + sample + " has no # TYPE line");
            }
            out.put(type.equals("counter") || type.equals("gauge") ? sample : family, type);
        }
        return out;
    }

    static List<String> conventionProblems(String name, String type) {
        List<String> out = new ArrayList<>();
        if (!name.matches("[a-z][a-z0-9]*(_[a-z0-9]+)*")) {
            out.add(name + ": not snake_case");
        }
        if (type.equals("counter") != name.endsWith("_total")) {
            out.add(name + " (" + type + "): only counters, and every counter, end in _total");
        }
        if (name.matches(".*_(ms|millis|milliseconds|micros|nanos|kb|mb|gb|kib|mib|minutes|hours)(_total)?$")) {
            out.add(name + ": not in base units (seconds, bytes)");
        }
        if ((type.equals("histogram") || type.equals("summary")) && !name.matches(".*_(seconds|bytes)$")) {
            out.add(name + " (" + type + "): a distribution names its unit (_seconds, _bytes)");
        }
        return out;
    }

    /** Documented as appearing only after the event that first sets a label (the table's last column says which). */
    static Set<String> afterAnEvent() throws Exception {
        Set<String> out = new TreeSet<>();
        Matcher m = Pattern.compile("^\\| `(streamhub_[a-z0-9_]+)` \\|.*\\| after .*\\|$", Pattern.MULTILINE)
                .matcher(Files.readString(ROOT.resolve("docs/configuration.md")));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The families docs/configuration.md's metrics table lists: {@code | `name` | type | …}. */
    static Map<String, String> documented() throws Exception {
        Map<String, String> out = new TreeMap<>();
        Matcher m = DOCUMENTED.matcher(Files.readString(ROOT.resolve("docs/configuration.md")));
        while (m.find()) {
            out.put(m.group(1), m.group(2));
        }
        return out;
    }

    static Set<String> used(String text) {
        Set<String> out = new TreeSet<>();
        Matcher m = USED.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    static String stripSuffix(String name) {
        for (String s : SAMPLE_SUFFIXES) {
            if (name.endsWith(s)) {
                return name.substring(0, name.length() - s.length());
            }
        }
        return name;
    }

    private static ServiceProcess keep(List<ServiceProcess> services, ServiceProcess s) {
        services.add(s);
        return s;
    }
}
