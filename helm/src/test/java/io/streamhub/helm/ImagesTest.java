package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The JVM images are built and run by the images module (ContainerSmokeIT, with podman). What is
 * checked here, against the rendered chart: both Dockerfiles exist, their base images are pinned,
 * they run as the chart's UID and expose the chart's port, every path the JVM image copies is
 * produced by the build (the native executable needs the native build: native/images.sh builds and
 * runs those images), and the chart and the static manifests pull exactly the names build-images.sh tags.
 */
class ImagesTest {

    private static List<HasMetadata> chart;

    @BeforeAll
    static void render() {
        chart = Chart.objects(Chart.template());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hls-router, router-master",
        "config-service, config-service",
        "egress-orchestrator, egress-orchestrator",
        "p2p-tracker, p2p-tracker",
    })
    void dockerfilesMatchTheChartAndTheBuild(String module, String component) throws IOException {
        Path moduleDir = Chart.root().resolve(module);
        var pod = Chart.podOf(chart, "streamhub-" + component);
        String uid = String.valueOf(pod.getSecurityContext().getRunAsUser());
        String ports = pod.getContainers().get(0).getPorts().stream().map(p -> String.valueOf(p.getContainerPort()))
                .collect(java.util.stream.Collectors.joining(" "));

        for (String flavor : List.of("jvm", "native")) {
            Path dockerfile = moduleDir.resolve("src/main/docker/Dockerfile." + flavor);
            assertTrue(Files.exists(dockerfile), dockerfile + " is missing");
            List<String> lines = Files.readAllLines(dockerfile).stream().map(String::trim)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();

            List<String> bases = instructions(lines, "FROM").toList();
            assertFalse(bases.isEmpty(), dockerfile + " has no FROM");
            bases.forEach(base -> assertTrue(base.matches("[^\\s:]+:[0-9][^\\s]*"), () -> dockerfile + ": base image not pinned to a version: " + base));
            assertEquals(List.of(ports), instructions(lines, "EXPOSE").toList(), dockerfile + " EXPOSE vs the chart's containerPorts");
            assertEquals(List.of(uid), instructions(lines, "USER").toList(), dockerfile + " USER vs the chart's runAsUser");
            assertTrue(instructions(lines, "ENTRYPOINT").findAny().isPresent(), dockerfile + " has no ENTRYPOINT");

            List<String> sources = instructions(lines, "COPY")
                    .map(copy -> Stream.of(copy.split("\\s+")).filter(word -> !word.startsWith("--")).toList())
                    .map(words -> words.get(0)).toList();
            assertFalse(sources.isEmpty(), dockerfile + " copies nothing");
            if (flavor.equals("native")) {
                assertTrue(sources.contains("target/*-runner"), dockerfile + " must copy the native executable Quarkus names *-runner");
            }
            for (String source : sources) {
                assertTrue(source.startsWith("target/"), dockerfile + " copies from outside target/: " + source);
                // The native executable (Quarkus names it *-runner) needs the native build (native/images.sh); the rest is package's.
                if (!(flavor.equals("native") && source.equals("target/*-runner"))) {
                    assertTrue(exists(moduleDir, source), () -> dockerfile + " copies " + source + ", which `package` did not produce");
                }
            }
        }
        List<String> ignore = Files.readAllLines(moduleDir.resolve(".dockerignore"));
        assertTrue(ignore.contains("!target/quarkus-app/*") && ignore.contains("!target/*-runner"),
                () -> module + "/.dockerignore must let the packaged application into the build context");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "hls-router, router-master",
        "config-service, config-service",
        "egress-orchestrator, egress-orchestrator",
        "p2p-tracker, p2p-tracker",
    })
    void theChartAndTheStaticManifestsPullWhatBuildImagesTags(String module, String component) throws IOException {
        // build-images.sh tags <values image.registry>/<values image.repository>/<module>:<Chart appVersion>.
        String values = Files.readString(Chart.chartDir().resolve("values.yaml"));
        String chartYaml = Files.readString(Chart.chartDir().resolve("Chart.yaml"));
        String expected = valueOf(values, "registry") + "/" + valueOf(values, "repository") + "/" + module + ":"
                + chartYaml.lines().filter(l -> l.startsWith("appVersion:")).findFirst().orElseThrow().split(":", 2)[1].trim().replace("\"", "");
        assertEquals(expected, Chart.podOf(chart, "streamhub-" + component).getContainers().get(0).getImage());
        assertTrue(Files.readString(Chart.root().resolve("images/build-images.sh")).contains("chart_image registry"),
                "build-images.sh takes its defaults from the chart's values");
        for (String layout : List.of("k8s/distributed/streamhub.yaml", "k8s/single-node/streamhub.yaml")) {
            List<String> images = Files.readAllLines(Chart.root().resolve(layout)).stream().map(String::trim)
                    .filter(l -> l.startsWith("image:") && l.contains("/" + module + ":")).map(l -> l.substring(6).trim()).distinct().toList();
            assertEquals(List.of(expected), images, layout);
        }
    }

    /** A key of the top-level {@code image:} block of values.yaml, as build-images.sh reads it. */
    private static String valueOf(String values, String key) {
        boolean inImage = false;
        for (String line : values.lines().toList()) {
            if (line.startsWith("image:")) {
                inImage = true;
            } else if (!line.isEmpty() && !line.startsWith(" ") && !line.startsWith("#")) {
                inImage = false;
            } else if (inImage && line.trim().startsWith(key + ":")) {
                return line.trim().substring(key.length() + 1).trim().replace("\"", "");
            }
        }
        throw new IllegalStateException("values.yaml has no image." + key);
    }

    private static Stream<String> instructions(List<String> lines, String keyword) {
        return lines.stream().filter(line -> line.startsWith(keyword + " ")).map(line -> line.substring(keyword.length() + 1).trim());
    }

    private static boolean exists(Path moduleDir, String source) throws IOException {
        if (!source.contains("*")) {
            return Files.exists(moduleDir.resolve(source));
        }
        var matcher = FileSystems.getDefault().getPathMatcher("glob:" + source);
        Path parent = moduleDir.resolve(source.substring(0, source.lastIndexOf('/')));
        try (Stream<Path> files = Files.list(parent)) {
            return files.anyMatch(file -> matcher.matches(moduleDir.relativize(file)));
        }
    }
}
