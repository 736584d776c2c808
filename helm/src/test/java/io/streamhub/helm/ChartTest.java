package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Real Helm lints and renders the chart for its defaults and every example; every object passes the policy. */
class ChartTest {

    static Stream<Arguments> modes() {
        List<Arguments> modes = new ArrayList<>();
        modes.add(Arguments.of("defaults", null));
        Chart.examples().forEach(file -> modes.add(Arguments.of(file.getFileName().toString(), file)));
        return modes.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void lintsStrictly(String mode, Path values, @TempDir Path work) {
        var result = values == null ? Chart.lint(work) : Chart.lint(work, values);
        assertFalse(result.isFailed(), () -> mode + ": " + result.getMessages());
        // Strict lint passes INFO lines only (a chart icon is merely recommended).
        result.getMessages().forEach(message -> assertTrue(message.startsWith("[INFO]"), () -> mode + ": " + message));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void everyRenderedObjectIsValidKubernetesAndPassesThePolicy(String mode, Path values) {
        String rendered = values == null ? Chart.template() : Chart.template(values);
        List<String> documents = Chart.documents(rendered);
        List<HasMetadata> objects = Chart.objects(rendered);
        assertEquals(documents.size(), objects.size());
        assertTrue(objects.size() >= 15, () -> mode + " rendered only " + objects.size() + " objects");

        List<String> violations = new ManifestPolicy(externalConfigMaps(values)).violations(objects);
        assertEquals(List.of(), violations, mode);
    }

    /** ConfigMaps the operator brings, named in the values (the chart mounts them, never makes them). */
    private static Set<String> externalConfigMaps(Path values) {
        Set<String> names = new HashSet<>();
        if (values != null) {
            Object configService = Values.read(values).get("configService");
            if (configService instanceof Map<?, ?> cs && cs.get("apps") instanceof Map<?, ?> apps
                    && apps.get("existingConfigMap") instanceof String name && !name.isEmpty()) {
                names.add(name);
            }
        }
        return names;
    }
}
