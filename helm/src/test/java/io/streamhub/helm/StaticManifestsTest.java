package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * k8s/ holds the chart rendered for {@code kubectl apply -k}; this fails on any drift. To refresh
 * after changing the chart: {@code ./mvnw -pl helm test -Dtest=StaticManifestsTest -Dk8s.update=true}.
 */
class StaticManifestsTest {

    static final String NAMESPACE = "streamhub";

    static Stream<Arguments> variants() {
        return Stream.of(
                Arguments.of("distributed", new Path[] {Chart.root().resolve("k8s/distributed/values.yaml")}),
                Arguments.of("single-node", new Path[] {Chart.root().resolve("helm/examples/single-node.yaml"),
                        Chart.root().resolve("k8s/single-node/values.yaml")}));
    }

    @ParameterizedTest(name = "k8s/{0}")
    @MethodSource("variants")
    void matchesTheChart(String variant, Path[] values) throws IOException {
        Path dir = Chart.root().resolve("k8s").resolve(variant);
        String expected = header(variant, values) + Chart.template(NAMESPACE, values);
        Path manifests = dir.resolve("streamhub.yaml");
        if (Boolean.getBoolean("k8s.update")) {
            Files.createDirectories(dir);
            Files.writeString(manifests, expected);
        }
        assertTrue(Files.exists(manifests), () -> manifests + " is missing; run with -Dk8s.update=true");
        assertEquals(expected, Files.readString(manifests),
                () -> "k8s/" + variant + " drifted from the chart; run ./mvnw -pl helm test -Dtest=StaticManifestsTest -Dk8s.update=true");

        // What `kubectl apply -k` reads: the namespace and exactly these files.
        Map<String, Object> kustomization = Values.read(dir.resolve("kustomization.yaml"));
        assertEquals(NAMESPACE, kustomization.get("namespace"));
        assertEquals(List.of("namespace.yaml", "streamhub.yaml"), kustomization.get("resources"));
        var namespace = Chart.objects(Files.readString(dir.resolve("namespace.yaml")));
        assertEquals("Namespace", namespace.get(0).getKind());
        assertEquals(NAMESPACE, namespace.get(0).getMetadata().getName());
    }

    private static String header(String variant, Path[] values) {
        String from = Stream.of(values).map(v -> Chart.root().relativize(v).toString()).collect(java.util.stream.Collectors.joining(" and "));
        return "# k8s/" + variant + ": helm/streamhub rendered with " + from + " (release " + Chart.RELEASE
                + ", namespace " + NAMESPACE + ").\n"
                + "# Generated; do not edit. Change the chart, then run\n"
                + "#   ./mvnw -pl helm test -Dtest=StaticManifestsTest -Dk8s.update=true\n";
    }
}
