package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The policy must bite: each test breaks one thing in a real rendering and expects that exact complaint. */
class ManifestPolicyTest {

    private static String rendered;

    @BeforeAll
    static void render() {
        rendered = Chart.template();
        assertEquals(List.of(), violations(rendered), "the untouched rendering must be clean");
    }

    private static List<String> violations(String text) {
        return new ManifestPolicy(Set.of()).violations(Chart.objects(text));
    }

    private static void assertReports(String broken, String expected) {
        List<String> found = violations(broken);
        assertTrue(found.stream().anyMatch(v -> v.contains(expected)), () -> "expected '" + expected + "' in " + found);
    }

    @Test
    void misspeltFieldIsAnUnknownField() {
        assertReports(rendered.replaceFirst("readinessProbe:", "readinesProbe:"), "field Kubernetes does not know: ");
    }

    @Test
    void writableRootFilesystem() {
        assertReports(rendered.replaceFirst("readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false"), "writable root filesystem");
    }

    @Test
    void privilegeEscalation() {
        assertReports(rendered.replaceFirst("allowPrivilegeEscalation: false", "allowPrivilegeEscalation: true"), "allows privilege escalation");
    }

    @Test
    void capabilitiesKept() {
        assertReports(rendered.replaceFirst("- ALL", "- NET_RAW"), "does not drop ALL capabilities");
    }

    @Test
    void rootAllowed() {
        assertReports(rendered.replaceFirst("runAsNonRoot: true", "runAsNonRoot: false"), "may run as root");
    }

    @Test
    void missingProbe() {
        assertReports(rendered.replaceFirst("\n( +)livenessProbe:\n(?:\\1 .*\n)+", "\n"), "has no liveness probe");
    }

    @Test
    void probeOnAnUndeclaredPort() {
        assertReports(rendered.replaceFirst("path: /q/health/ready\n( +)port: management", "path: /q/health/ready\n$1port: metrics"),
                "which the container does not declare");
    }

    @Test
    void missingMemoryLimit() {
        assertReports(rendered.replaceFirst("limits:\n( +)memory: [0-9A-Za-z]+", "limits:\n$1cpu: 1"), "has no memory limit");
    }

    @Test
    void selectorThatMissesItsPods() {
        assertReports(rendered.replaceFirst("(?s)(kind: Service\n.*?selector:\n.*?component: )[a-z-]+", "$1nothing"),
                "selects no pods of this release");
    }

    @Test
    void ingressToAMissingService() {
        assertReports(rendered.replaceFirst("(?s)(kind: Ingress\n.*?service:\n +name: )[a-z-]+", "$1gone"), "that is not rendered");
    }

    @Test
    void hpaFightsFixedReplicas() {
        assertReports(rendered.replaceFirst("(?s)(kind: Deployment\nmetadata:\n  name: streamhub-router-master\n.*?spec:\n)", "$1  replicas: 3\n"),
                "which also sets replicas");
    }

    @Test
    void missingConfigChecksum() {
        assertReports(rendered.replaceFirst("checksum/config: [0-9a-f]+", "other: x"), "no checksum/config");
    }

    @Test
    void floatingImageTag() {
        assertReports(rendered.replaceFirst("(image: ghcr.io/streamhub/[a-z-]+):[^\n]+", "$1:latest"), "has no fixed tag");
    }

    @Test
    void ingressOpenToEveryPath() {
        assertReports(rendered.replaceFirst("- path: /hls\n", "- path: /\n"), "exposes the management endpoints");
    }

    @Test
    void defaultServiceAccount() {
        assertReports(rendered.replaceFirst("\n +serviceAccountName: streamhub\n", "\n"), "default service account");
    }

    @Test
    void missingLabel() {
        assertReports(rendered.replaceFirst("\n    app.kubernetes.io/part-of: streamhub", ""), "lacks the label app.kubernetes.io/part-of");
    }
}
