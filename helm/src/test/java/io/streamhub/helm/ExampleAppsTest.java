package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The app files the chart ships (in values.yaml and the examples) and the GitOps example folder
 * pass the config-service's own validation, run as operators run it in CI:
 * {@code java -jar config-service.jar validate <folder>}. A schema change that breaks them fails here.
 */
class ExampleAppsTest {

    static Stream<Path> valuesWithApps() {
        List<Path> files = new ArrayList<>();
        files.add(Chart.chartDir().resolve("values.yaml"));
        files.addAll(Chart.examples());
        return files.stream().filter(file -> !apps(file).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valuesWithApps")
    void appFilesInValuesAreValid(Path values, @TempDir Path folder) throws Exception {
        for (Map.Entry<String, String> app : apps(values).entrySet()) {
            Files.writeString(folder.resolve(app.getKey()), app.getValue());
        }
        assertValid(folder, apps(values).size());
    }

    @ParameterizedTest(name = "helm/gitops/apps-configmap/apps")
    @MethodSource("gitopsFolder")
    void theGitopsAppFolderIsValid(Path folder) throws Exception {
        try (Stream<Path> files = Files.list(folder)) {
            assertValid(folder, (int) files.count());
        }
    }

    static Stream<Path> gitopsFolder() {
        return Stream.of(Chart.root().resolve("helm/gitops/apps-configmap/apps"));
    }

    private static void assertValid(Path folder, int apps) throws IOException, InterruptedException {
        Path jar = Chart.root().resolve("config-service/target/quarkus-app/quarkus-run.jar");
        assertTrue(Files.exists(jar), () -> jar + " is missing: `./mvnw verify` packages the config-service before this module");
        Path log = Files.createTempFile("validate", ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), "validate", folder.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "validate did not finish");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), output);
        assertTrue(output.contains("ok: " + apps + " app(s) valid"), output);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, String> apps(Path valuesFile) {
        Object configService = Values.read(valuesFile).get("configService");
        if (configService instanceof Map<?, ?> cs && cs.get("apps") instanceof Map<?, ?> apps
                && apps.get("values") instanceof Map<?, ?> files) {
            return (Map<String, String>) files;
        }
        return Map.of();
    }
}
