package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPBackendRef;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRoute;
import io.fabric8.kubernetes.api.model.gatewayapi.v1.HTTPRouteRule;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tracker's Gateway API routing: each swarm (a room, or one shard of it) must land on exactly one
 * pod with any conformant implementation, so the routes address stable pods by ordinal, /t/<i>, and
 * never depend on one controller's annotations. The Ingress stays the default option.
 */
class TrackerRoutingTest {

    static final String NAME = "streamhub-p2p-tracker";

    static List<HasMetadata> render(Path dir, String values) throws IOException {
        return Chart.objects(Chart.template(Files.writeString(dir.resolve("routing.yaml"), values)));
    }

    static <T extends HasMetadata> List<T> all(List<HasMetadata> objects, Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static String env(List<HasMetadata> objects, String key) {
        return all(objects, ConfigMap.class).stream().filter(c -> c.getMetadata().getName().equals("streamhub-config-service-env"))
                .findFirst().orElseThrow().getData().get(key);
    }

    @Test
    void gatewayRoutesSendEachPodPrefixToExactlyThatPod(@TempDir Path dir) throws IOException {
        List<HasMetadata> objects = render(dir, """
                tracker:
                  routing: gateway
                  replicas: 20
                  autoscaling: {enabled: false}
                  gateway:
                    parentRefs: [{name: public, namespace: gateway-system}]
                """);
        StatefulSet tracker = all(objects, StatefulSet.class).stream().filter(s -> s.getMetadata().getName().equals(NAME)).findFirst().orElseThrow();
        assertEquals(20, tracker.getSpec().getReplicas());
        assertTrue(all(objects, Deployment.class).stream().noneMatch(d -> d.getMetadata().getName().equals(NAME)));
        assertTrue(all(objects, Ingress.class).stream().noneMatch(i -> i.getMetadata().getName().startsWith(NAME)), "no URI-hash Ingress");
        assertEquals("20", env(objects, "STREAMHUB_CONFIG_TRACKER_PODS"), "the playback API knows the pods");

        Map<Integer, String> servicePod = new TreeMap<>();
        for (Service s : all(objects, Service.class)) {
            String pod = s.getSpec().getSelector().get("statefulset.kubernetes.io/pod-name");
            if (pod != null) {
                assertEquals(s.getMetadata().getName(), pod, "a pod's Service selects that pod only");
                servicePod.put(Integer.parseInt(pod.substring(NAME.length() + 1)), s.getMetadata().getName());
            }
        }
        assertEquals(20, servicePod.size());

        List<HTTPRoute> routes = all(objects, HTTPRoute.class);
        assertEquals(2, routes.size(), "at most 16 rules per HTTPRoute: 16 + 4");
        Map<Integer, List<String>> backendsByPrefix = new TreeMap<>();
        for (HTTPRoute route : routes) {
            assertEquals("gateway.networking.k8s.io/v1", route.getApiVersion());
            assertEquals("public", route.getSpec().getParentRefs().get(0).getName());
            assertEquals("gateway-system", route.getSpec().getParentRefs().get(0).getNamespace());
            assertEquals(List.of("tracker.streamhub.example.com"), route.getSpec().getHostnames());
            assertTrue(route.getSpec().getRules().size() <= 16);
            for (HTTPRouteRule rule : route.getSpec().getRules()) {
                assertEquals(1, rule.getMatches().size());
                assertEquals("PathPrefix", rule.getMatches().get(0).getPath().getType());
                String prefix = rule.getMatches().get(0).getPath().getValue();
                assertTrue(prefix.matches("/t/\\d+/announce"), prefix);
                int pod = Integer.parseInt(prefix.split("/")[2]);
                List<String> backends = rule.getBackendRefs().stream().map(HTTPBackendRef::getName).toList();
                backendsByPrefix.merge(pod, backends, (a, b) -> {
                    throw new AssertionError("pod " + pod + " is routed twice");
                });
            }
        }
        assertEquals(servicePod.keySet(), backendsByPrefix.keySet(), "every pod has exactly one rule");
        backendsByPrefix.forEach((pod, backends) -> assertEquals(List.of(servicePod.get(pod)), backends, "/t/" + pod + " goes to pod " + pod + " only"));
    }

    @Test
    void theIngressRemainsTheDefaultAndGatewayMisuseIsRefusedByName(@TempDir Path dir) throws IOException {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        assertTrue(all(objects, Deployment.class).stream().anyMatch(d -> d.getMetadata().getName().equals(NAME)));
        assertEquals("0", env(objects, "STREAMHUB_CONFIG_TRACKER_PODS"));
        IllegalStateException noParent = assertThrows(IllegalStateException.class, () -> render(dir, """
                tracker: {routing: gateway, autoscaling: {enabled: false}}
                """));
        assertTrue(noParent.getMessage().contains("tracker.gateway.parentRefs"), noParent.getMessage());
        IllegalStateException scaled = assertThrows(IllegalStateException.class, () -> render(dir, """
                tracker: {routing: gateway, gateway: {parentRefs: [{name: public}]}}
                """));
        assertTrue(scaled.getMessage().contains("autoscaling.enabled=false"), scaled.getMessage());
    }
}
