package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The opt-in Grafana dashboard and alert rules, read back from a real rendering: what Grafana's
 * sidecar and prometheus-operator would load. (That every metric they use is exported is
 * e2e/…/MetricsContractIT's part, against the running services.)
 */
class MonitoringTest {

    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void productionShipsTheDashboardForTheSidecarAndTheAlertRules() throws Exception {
        List<HasMetadata> objects = Chart.objects(Chart.template(Chart.root().resolve("helm/examples/production.yaml")));
        ConfigMap dashboard = objects.stream().filter(ConfigMap.class::isInstance).map(ConfigMap.class::cast)
                .filter(c -> c.getMetadata().getName().equals("streamhub-grafana-dashboard")).findFirst().orElseThrow();
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"), "the sidecar's label");
        assertEquals("StreamHub", dashboard.getMetadata().getAnnotations().get("grafana_folder"));
        JsonNode model = JSON.readTree(dashboard.getData().get("streamhub.json"));
        assertEquals(JSON.readTree(Files.readString(Chart.chartDir().resolve("files/grafana/streamhub.json"))), model);
        assertEquals("streamhub-distribution", model.get("uid").asText());
        Set<String> ids = new HashSet<>();
        List<String> titles = new ArrayList<>();
        Map<String, List<String>> exprs = new LinkedHashMap<>();
        for (JsonNode panel : model.get("panels")) {
            assertTrue(ids.add(panel.get("id").asText()), "panel ids are unique");
            String title = panel.get("title").asText();
            titles.add(title);
            String type = panel.get("type").asText();
            if (type.equals("text")) {
                assertFalse(panel.get("options").get("content").asText().isBlank(), title + " says something");
            } else if (!type.equals("row")) {
                assertTrue(panel.get("targets").size() > 0, title + " queries something");
                List<String> queries = new ArrayList<>();
                panel.get("targets").forEach(t -> {
                    String expr = t.get("expr").asText();
                    assertTrue(expr.contains("streamhub_"), t.toString());
                    assertEquals(List.of(), PromQlShape.problems(expr), title + ": " + expr);
                    queries.add(expr);
                });
                exprs.put(title, queries);
            }
        }
        for (String wanted : List.of("Shield cache hit ratio", "Cache lookups by result", "Rooms by state", "Tracker peers and swarms",
                "Tracker refusals by reason", "P2P offload by app (measured by players)", "Config: live revision and reloads",
                "Redis reachable (worst service)", "HLS folder", "Offload: player figure vs router figure",
                "Offload per room: players vs the wire (p2p mode)", "Segment bytes per room: router vs players (p2p mode)",
                "P2P waste by kind", "Rebuffer ratio by app", "Stalls per minute watched", "Start-up time (p50, p95)",
                "Behind live (mean)")) {
            assertTrue(titles.contains(wanted), "the dashboard shows " + wanted + ": " + titles);
        }
        offloadAndQualityPanels(model, exprs);

        GenericKubernetesResource rule = objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
        assertEquals("kube-prometheus-stack", rule.getMetadata().getLabels().get("release"));
        JsonNode spec = JSON.valueToTree(rule.getAdditionalProperties().get("spec"));
        assertEquals(new YAMLMapper().readTree(Files.readString(Chart.chartDir().resolve("files/prometheus/alerts.yaml"))), spec,
                "the rules arrive as written, {{ $labels }} untouched by Helm");
        List<String> alerts = new ArrayList<>();
        Map<String, JsonNode> rules = new LinkedHashMap<>();
        spec.get("groups").get(0).get("rules").forEach(r -> {
            alerts.add(r.get("alert").asText());
            rules.put(r.get("alert").asText(), r);
            assertTrue(r.has("for") && r.get("labels").has("severity") && r.get("annotations").has("summary"), r.toString());
            assertEquals(List.of(), PromQlShape.problems(r.get("expr").asText()), r.get("alert").asText());
        });
        assertEquals(List.of("StreamhubConfigRejected", "StreamhubRedisUnreachable", "StreamhubEgressRoomsFailed",
                "StreamhubOriginErrorRate", "StreamhubTrackerRefusalSpike", "StreamhubOriginDiskNearlyFull",
                "StreamhubOffloadDisagrees", "StreamhubRebufferRatioHigh"), alerts);
        offloadAndQualityRules(rules);
    }

    /** The router's side of a room: segment bytes of p2p-mode rooms from the tier viewers reach, never an origin's. */
    static final String ROUTER_SEGMENTS = "streamhub_router_hls_bytes_total{%skind=\"segment\",mode=\"p2p\",role=~\"master|all-in-one\","
            + "room!=\"_other\"}";

    static String compact(String expr) {
        return expr.replaceAll("\\s+", " ").replace("( ", "(").replace(" )", ")").strip();
    }

    /**
     * Issue 28's figures, as written: the player-reported offload per app, beside it per p2p-mode room the router's segment
     * bytes and the wire's offload, P2P waste, and the players' quality; the text says where the router's figure does not hold.
     */
    static void offloadAndQualityPanels(JsonNode model, Map<String, List<String>> exprs) {
        String ns = "namespace=~\"$namespace\"";
        String router = "sum by (app, room) (rate(" + ROUTER_SEGMENTS.formatted(ns + ",") + "[5m]))";
        String players = "sum by (app, room) (rate(streamhub_player_room_bytes_total{" + ns + ",room!=\"_other\"}[5m]))";
        String playersP2p = "sum by (app, room) (rate(streamhub_player_room_bytes_total{" + ns + ",source=\"p2p\",room!=\"_other\"}[5m]))";
        assertEquals(List.of("sum by (app) (rate(streamhub_player_bytes_total{" + ns + ",source=\"p2p\"}[5m])) / sum by (app) "
                + "(rate(streamhub_player_bytes_total{" + ns + "}[5m]))"), exprs.get("P2P offload by app (measured by players)"));
        assertEquals(List.of(playersP2p + " / " + players + " and on (app, room) " + router, "1 - " + router + " / " + players),
                exprs.get("Offload per room: players vs the wire (p2p mode)"));
        assertEquals(router, exprs.get("Segment bytes per room: router vs players (p2p mode)").get(0));
        assertEquals("sum by (kind) (rate(streamhub_player_waste_bytes_total{" + ns + "}[5m]))", exprs.get("P2P waste by kind").get(0));
        String stalled = "sum by (app) (rate(streamhub_player_stalled_seconds_total{" + ns + "}[5m]))";
        String played = "sum by (app) (rate(streamhub_player_played_seconds_total{" + ns + "}[5m]))";
        assertEquals(List.of(stalled + " / (" + played + " + " + stalled + ")"), exprs.get("Rebuffer ratio by app"));
        assertEquals(List.of("60 * sum by (app) (rate(streamhub_player_stalls_total{" + ns + "}[5m])) / " + played),
                exprs.get("Stalls per minute watched"));
        for (String q : List.of("0.5", "0.95")) {
            assertTrue(exprs.get("Start-up time (p50, p95)").contains("histogram_quantile(" + q + ", sum by (app, le) "
                    + "(rate(streamhub_player_startup_seconds_bucket{" + ns + "}[15m])))"), q);
        }
        assertEquals("sum by (app) (rate(streamhub_player_behind_live_seconds_sum{" + ns + "}[5m])) / sum by (app) "
                + "(rate(streamhub_player_behind_live_seconds_count{" + ns + "}[5m]))", exprs.get("Behind live (mean)").get(0));
        for (JsonNode panel : model.get("panels")) {
            if (panel.get("type").asText().equals("text")) {
                String text = panel.get("options").get("content").asText();
                assertTrue(text.contains("`cdn`") && text.contains("`hybrid`") && text.contains("do not change with P2P"), text);
            }
        }
    }

    static void offloadAndQualityRules(Map<String, JsonNode> rules) {
        String router = "sum by (namespace, app, room) (rate(" + ROUTER_SEGMENTS.formatted("") + "[5m]))";
        String players = "sum by (namespace, app, room) (rate(streamhub_player_room_bytes_total{room!=\"_other\"}[5m]))";
        String playersP2p = "sum by (namespace, app, room) (rate(streamhub_player_room_bytes_total{source=\"p2p\",room!=\"_other\"}[5m]))";
        JsonNode offload = rules.get("StreamhubOffloadDisagrees");
        assertEquals("abs(" + playersP2p + " / " + players + " - (1 - " + router + " / " + players + ")) > 0.10",
                compact(offload.get("expr").asText()));
        assertEquals("10m", offload.get("for").asText());
        String stalled = "sum by (namespace, app) (rate(streamhub_player_stalled_seconds_total[5m]))";
        String played = "sum by (namespace, app) (rate(streamhub_player_played_seconds_total[5m]))";
        JsonNode rebuffer = rules.get("StreamhubRebufferRatioHigh");
        assertEquals(stalled + " / (" + played + " + " + stalled + ") > 0.01", compact(rebuffer.get("expr").asText()));
        assertEquals("10m", rebuffer.get("for").asText());
        for (JsonNode r : List.of(offload, rebuffer)) {
            assertTrue(r.get("annotations").has("description"), r.toString());
        }
    }

    @Test
    void neitherIsRenderedUnlessAskedFor() {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        assertTrue(objects.stream().noneMatch(o -> o.getKind().equals("PrometheusRule")));
        assertTrue(objects.stream().noneMatch(o -> o.getMetadata().getName().equals("streamhub-grafana-dashboard")));
    }
}
