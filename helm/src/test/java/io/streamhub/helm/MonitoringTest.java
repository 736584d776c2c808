package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.List;
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
        for (JsonNode panel : model.get("panels")) {
            assertTrue(ids.add(panel.get("id").asText()), "panel ids are unique");
            titles.add(panel.get("title").asText());
            if (!panel.get("type").asText().equals("row")) {
                assertTrue(panel.get("targets").size() > 0, panel.get("title") + " queries something");
                panel.get("targets").forEach(t -> assertTrue(t.get("expr").asText().contains("streamhub_"), t.toString()));
            }
        }
        for (String wanted : List.of("Shield cache hit ratio", "Cache lookups by result", "Rooms by state", "Tracker peers and swarms",
                "Tracker refusals by reason", "P2P offload by app (measured by players)", "Config: live revision and reloads",
                "Redis reachable (worst service)", "HLS folder")) {
            assertTrue(titles.contains(wanted), "the dashboard shows " + wanted + ": " + titles);
        }

        GenericKubernetesResource rule = objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).filter(o -> o.getKind().equals("PrometheusRule")).findFirst().orElseThrow();
        assertEquals("kube-prometheus-stack", rule.getMetadata().getLabels().get("release"));
        JsonNode spec = JSON.valueToTree(rule.getAdditionalProperties().get("spec"));
        assertEquals(new YAMLMapper().readTree(Files.readString(Chart.chartDir().resolve("files/prometheus/alerts.yaml"))), spec,
                "the rules arrive as written, {{ $labels }} untouched by Helm");
        List<String> alerts = new ArrayList<>();
        spec.get("groups").get(0).get("rules").forEach(r -> {
            alerts.add(r.get("alert").asText());
            assertTrue(r.has("for") && r.get("labels").has("severity") && r.get("annotations").has("summary"), r.toString());
        });
        assertEquals(List.of("StreamhubConfigRejected", "StreamhubRedisUnreachable", "StreamhubEgressRoomsFailed",
                "StreamhubOriginErrorRate", "StreamhubTrackerRefusalSpike", "StreamhubOriginDiskNearlyFull"), alerts);
    }

    @Test
    void neitherIsRenderedUnlessAskedFor() {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        assertTrue(objects.stream().noneMatch(o -> o.getKind().equals("PrometheusRule")));
        assertTrue(objects.stream().noneMatch(o -> o.getMetadata().getName().equals("streamhub-grafana-dashboard")));
    }
}
