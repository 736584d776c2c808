package io.streamhub.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The release workflow cannot run here (no registry, no Actions runner), so what can be checked is
 * checked: its shape, that it builds every service the chart deploys for both architectures from a
 * dated Debian snapshot, that the scripts it calls exist, and that every shell step, the image
 * scripts and the native-image scripts pass shellcheck (installed by .ci/run; where it is missing,
 * {@code bash -n}).
 */
class ReleaseWorkflowTest {

    static final Path ROOT = Path.of(System.getProperty("user.dir")).getParent();
    static JsonNode workflow;

    @BeforeAll
    static void read() throws IOException {
        workflow = new YAMLMapper().readTree(ROOT.resolve(".github/workflows/release.yml").toFile());
    }

    @Test
    void buildsEveryServiceForBothArchitecturesFromADatedSnapshotThenTheManifestsThenTheChart() throws IOException {
        assertTrue(workflow.path("on").path("push").path("tags").toString().contains("v*"), "runs on version tags");
        JsonNode env = workflow.path("env");
        assertTrue(env.path("DEBIAN_MIRROR").asText().matches("https?://snapshot\\.debian\\.org/archive/debian/\\d{8}T\\d{6}Z"),
                "the base's packages come from one dated snapshot");
        Set<String> services = new TreeSet<>(List.of(env.path("SERVICES").asText().split("\\s+")));
        Set<String> modules = new TreeSet<>();
        try (var dirs = Files.list(ROOT)) {
            dirs.filter(d -> Files.exists(d.resolve("src/main/docker/Dockerfile.jvm"))).forEach(d -> modules.add(d.getFileName().toString()));
        }
        assertEquals(modules, services, "every module with an image is released");

        JsonNode jobs = workflow.path("jobs");
        Set<String> arches = new TreeSet<>();
        jobs.path("images").path("strategy").path("matrix").path("include").forEach(i -> arches.add(i.path("arch").asText()));
        assertEquals(Set.of("amd64", "arm64"), arches);
        assertEquals("images", jobs.path("manifests").path("needs").asText());
        assertEquals("manifests", jobs.path("chart").path("needs").asText());
        String all = workflow.toString();
        assertTrue(all.contains("./images/build-images.sh") && Files.isExecutable(ROOT.resolve("images/build-images.sh")));
        assertTrue(all.contains("helm package helm/streamhub") && Files.exists(ROOT.resolve("helm/streamhub/Chart.yaml")));
    }

    @Test
    void everyShellStepAndImageScriptPassesShellcheck() throws Exception {
        List<String> problems = new ArrayList<>();
        for (var job : workflow.path("jobs").properties()) {
            for (JsonNode step : job.getValue().path("steps")) {
                if (step.has("run")) {
                    // GitHub substitutes ${{ … }} before the shell sees the script: a plain word stands in for it.
                    String script = "#!/usr/bin/env bash\n" + step.path("run").asText().replaceAll("\\$\\{\\{[^}]*}}", "X");
                    String verdict = lint(script);
                    if (!verdict.isEmpty()) {
                        problems.add(job.getKey() + " / " + step.path("name").asText("(unnamed)") + ":\n" + verdict);
                    }
                }
            }
        }
        for (String script : List.of("images/build-images.sh", "images/base/build-base.sh", ".ci/run",
                "native/assemble-home.sh", "native/verify.sh", "native/summary.sh", "native/link-probe.sh",
                "native/link-inputs.sh", "native/jdk-static/build.sh", "native/jdk-static/check.sh", "native/graalvm-c/build.sh",
                "native/smoke.sh", "native/images.sh")) {
            String verdict = lint(Files.readString(ROOT.resolve(script)));
            if (!verdict.isEmpty()) {
                problems.add(script + ":\n" + verdict);
            }
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n\n", problems));
    }

    @Test
    void theDockerfilesStartFromTheBaseTheBaseScriptBuilds() throws IOException {
        String script = Files.readString(ROOT.resolve("images/base/build-base.sh"));
        Matcher suite = Pattern.compile("SUITE=\"\\$\\{DEBIAN_SUITE:-([a-z]+)}\"").matcher(script);
        Matcher base = Pattern.compile("BASE_IMAGE=\"\\$\\{BASE_IMAGE:-([^}]+)}\"").matcher(script);
        assertTrue(suite.find() && base.find(), "build-base.sh names its suite and image");
        String image = base.group(1).replace("$SUITE", suite.group(1));
        try (var dirs = Files.list(ROOT)) {
            for (Path d : dirs.filter(d -> Files.exists(d.resolve("src/main/docker/Dockerfile.jvm"))).toList()) {
                List<String> from = Files.readAllLines(d.resolve("src/main/docker/Dockerfile.jvm")).stream()
                        .filter(l -> l.startsWith("FROM ")).map(l -> l.substring(5).trim()).toList();
                assertEquals(List.of(image), from, d.getFileName() + "'s Dockerfile.jvm");
            }
        }
    }

    /** shellcheck's findings (empty when clean); {@code bash -n} where shellcheck is not installed. */
    static String lint(String script) throws IOException, InterruptedException {
        boolean shellcheck = Files.isExecutable(Path.of("/usr/bin/shellcheck"));
        List<String> cmd = shellcheck ? List.of("shellcheck", "-s", "bash", "-") : List.of("bash", "-n");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return p.exitValue() == 0 ? "" : out.trim();
    }
}
