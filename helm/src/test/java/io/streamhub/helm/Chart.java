package io.streamhub.helm;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/** The chart under helm/streamhub, driven through real Helm (helm-java bundles the Go library). */
final class Chart {

    static final String RELEASE = "streamhub";
    static final String NAMESPACE = "streaming";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private Chart() {
    }

    static Path root() {
        return Path.of(System.getProperty("streamhub.root", "..")).toAbsolutePath().normalize();
    }

    static Path chartDir() {
        return root().resolve("helm/streamhub");
    }

    /** The example values files, one per install mode (helm/examples/*.yaml). */
    static List<Path> examples() {
        try (Stream<Path> files = Files.list(root().resolve("helm/examples"))) {
            return files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm template} with these values files over the chart's defaults. */
    static String template(Path... valuesFiles) {
        return template(NAMESPACE, valuesFiles);
    }

    static String template(String namespace, Path... valuesFiles) {
        var command = new Helm(chartDir()).template().withName(RELEASE).withNamespace(namespace);
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values);
        }
        return command.call();
    }

    /** What {@code helm install} prints: a client-only dry run, NOTES.txt included. */
    static String installOutput(Path... valuesFiles) {
        var command = new Helm(chartDir()).install().withName(RELEASE).withNamespace(NAMESPACE).clientOnly().dryRun();
        for (Path values : valuesFiles) {
            command = command.withValuesFile(values);
        }
        return command.call().getOutput();
    }

    /**
     * {@code helm lint --strict} of the chart as these values configure it. helm-java's lint takes
     * no values files, so it lints a copy of the chart whose values.yaml is the defaults
     * deep-merged with the files, which is what {@code helm lint -f} would see.
     */
    static LintResult lint(Path workDir, Path... valuesFiles) {
        if (valuesFiles.length == 0) {
            return new Helm(chartDir()).lint().strict().call();
        }
        Path copy = workDir.resolve("streamhub");
        try {
            copyTree(chartDir(), copy);
            List<Path> layers = new ArrayList<>();
            layers.add(chartDir().resolve("values.yaml"));
            layers.addAll(Arrays.asList(valuesFiles));
            Files.writeString(copy.resolve("values.yaml"), Values.merge(layers));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Helm(copy).lint().strict().call();
    }

    /** Every YAML document of a rendering, parsed as the Kubernetes object it declares. */
    static List<HasMetadata> objects(String rendered) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : documents(rendered)) {
            objects.add(SERIALIZATION.unmarshal(document, HasMetadata.class));
        }
        return objects;
    }

    /** The non-empty documents of a multi-document YAML stream. */
    static List<String> documents(String rendered) {
        return Arrays.stream(rendered.split("(?m)^---\\s*$"))
                .filter(doc -> doc.lines().anyMatch(line -> !line.isBlank() && !line.startsWith("#")))
                .toList();
    }

    /** The pod spec of the Deployment, StatefulSet or DaemonSet with this name. */
    static PodSpec podOf(List<HasMetadata> objects, String workload) {
        return objects.stream().filter(o -> o.getMetadata().getName().equals(workload))
                .map(o -> o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                        : o instanceof StatefulSet s ? s.getSpec().getTemplate().getSpec()
                        : o instanceof DaemonSet d ? d.getSpec().getTemplate().getSpec() : null)
                .filter(java.util.Objects::nonNull)
                .findFirst().orElseThrow(() -> new AssertionError("no workload " + workload));
    }

    static KubernetesSerialization serialization() {
        return SERIALIZATION;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
