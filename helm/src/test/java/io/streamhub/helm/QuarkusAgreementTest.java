package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Probe;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The chart is the source of truth for deployment (docs/architecture.md); quarkus-kubernetes
 * renders each service's own view of itself at build time (target/kubernetes/kubernetes.yml) from
 * its application.properties. Where both speak about the same fact (the port, the health and
 * metrics paths, the image name) they must agree, so a changed port or health path in a service
 * fails here instead of in a cluster.
 */
class QuarkusAgreementTest {

    private static List<HasMetadata> chart;

    @BeforeAll
    static void render() {
        // The production example: every service, plus ServiceMonitors for the metrics path.
        chart = Chart.objects(Chart.template(Chart.root().resolve("helm/examples/production.yaml")));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hls-router, router-master",
        "config-service, config-service",
        "egress-orchestrator, egress-orchestrator",
        "p2p-tracker, p2p-tracker",
    })
    void chartAndQuarkusAgree(String module, String component) throws IOException {
        Path generated = Chart.root().resolve(module).resolve("target/kubernetes/kubernetes.yml");
        assertTrue(Files.exists(generated), () -> generated + " is missing: the service is packaged before this module "
                + "in `./mvnw verify`; alone, run `./mvnw -pl " + module + " package -DskipTests` first");
        List<HasMetadata> quarkus = Chart.objects(Files.readString(generated));

        Container ours = container(chart, "streamhub-" + component);
        Container theirs = container(quarkus, module);

        assertEquals(ports(theirs), ports(ours), module + " ports");
        assertEquals(path(theirs.getLivenessProbe()), path(ours.getLivenessProbe()), module + " liveness path");
        assertEquals(path(theirs.getReadinessProbe()), path(ours.getReadinessProbe()), module + " readiness path");
        assertEquals(path(theirs.getStartupProbe()), path(ours.getStartupProbe()), module + " startup path");
        assertEquals(withoutTag(theirs.getImage()), withoutTag(ours.getImage()).replace("-native", ""), module + " image");
        assertEquals(metricsPath(quarkus, module), metricsPath(chart, "streamhub-" + component), module + " metrics path");
    }

    private static Container container(List<HasMetadata> objects, String deployment) {
        return Chart.podOf(objects, deployment).getContainers().get(0);
    }

    private static Map<String, Integer> ports(Container container) {
        return container.getPorts().stream().collect(java.util.stream.Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
    }

    private static String path(Probe probe) {
        return probe == null ? null : probe.getHttpGet().getPath();
    }

    private static String withoutTag(String image) {
        return image.substring(0, image.lastIndexOf(':'));
    }

    @SuppressWarnings("unchecked")
    private static String metricsPath(List<HasMetadata> objects, String name) {
        GenericKubernetesResource monitor = objects.stream()
                .filter(o -> o instanceof GenericKubernetesResource && o.getKind().equals("ServiceMonitor") && o.getMetadata().getName().equals(name))
                .map(GenericKubernetesResource.class::cast)
                .findFirst().orElseThrow(() -> new AssertionError("no ServiceMonitor " + name));
        var spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
        var endpoints = (List<Map<String, Object>>) spec.get("endpoints");
        return (String) endpoints.get(0).get("path");
    }
}
