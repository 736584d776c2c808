package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The public entry points through Gateway API (expose: gateway) instead of an Ingress, read back from real renderings. */
class GatewayExposureTest {

    static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode route(List<HasMetadata> objects, String name) {
        HasMetadata route = objects.stream().filter(o -> o.getKind().equals("HTTPRoute") && o.getMetadata().getName().equals(name))
                .findFirst().orElseThrow(() -> new AssertionError("no HTTPRoute " + name));
        return JSON.valueToTree(route);
    }

    @Test
    void theCdnOriginThePlayerAndTheEdgeGetHttpRoutesOnTheGatewayAndNoIngress(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("gateway.yaml"), """
                router:
                  expose: gateway
                  gateway:
                    parentRefs: [{name: public, namespace: gateway-system, sectionName: https}]
                  edge:
                    enabled: true
                    expose: gateway
                    gateway:
                      parentRefs: [{name: public, namespace: gateway-system}]
                      hostnames: [edge-eu.example.com]
                configService:
                  expose: gateway
                  gateway:
                    parentRefs: [{name: public, namespace: gateway-system, sectionName: https}]
                """);
        List<HasMetadata> objects = Chart.objects(Chart.template(values));
        JsonNode origin = route(objects, "streamhub-router");
        assertEquals("public", origin.at("/spec/parentRefs/0/name").asText());
        assertEquals("https", origin.at("/spec/parentRefs/0/sectionName").asText(), "TLS is the Gateway listener's");
        assertEquals("origin.streamhub.example.com", origin.at("/spec/hostnames/0").asText(), "the ingress host by default");
        assertEquals("/hls", origin.at("/spec/rules/0/matches/0/path/value").asText());
        assertEquals("streamhub-router-master", origin.at("/spec/rules/0/backendRefs/0/name").asText());
        int port = origin.at("/spec/rules/0/backendRefs/0/port").asInt();
        Service master = objects.stream().filter(Service.class::isInstance).map(Service.class::cast)
                .filter(s -> s.getMetadata().getName().equals("streamhub-router-master")).findFirst().orElseThrow();
        assertTrue(master.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port), "the route reaches a port the Service has");

        JsonNode player = route(objects, "streamhub-config-service");
        List<?> matches = JSON.convertValue(player.at("/spec/rules/0/matches"), List.class);
        assertEquals(List.of("/play", "/player", "/api/apps", "/api/estimate", "/schema"),
                matches.stream().map(m -> ((java.util.Map<?, ?>) ((java.util.Map<?, ?>) m).get("path")).get("value")).toList());
        assertEquals("edge-eu.example.com", route(objects, "streamhub-router-edge").at("/spec/hostnames/0").asText());

        List<String> ingresses = objects.stream().filter(Ingress.class::isInstance).map(o -> o.getMetadata().getName()).toList();
        assertEquals(List.of("streamhub-p2p-tracker"), ingresses, "the tracker keeps its own routing (tracker.routing)");
    }

    @Test
    void aGatewayWithoutParentRefsIsRefusedWithAClearMessage(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("gateway.yaml"), "configService:\n  expose: gateway\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Chart.template(values));
        assertTrue(e.getMessage().contains("config-service: expose=gateway needs gateway.parentRefs"), e.getMessage());
    }
}
