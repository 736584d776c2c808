package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;

/** config-service keeps its last good config where a container restart finds it (docs/architecture.md, "Recovery rules"). */
class RecoveryStateTest {

    @Test
    void configServiceKeepsTheLastGoodConfigOnAVolumeThatOutlivesContainerRestarts() {
        PodSpec pod = Chart.podOf(Chart.objects(Chart.template()), "streamhub-config-service");
        Container c = pod.getContainers().get(0);
        String file = c.getEnv().stream().filter(e -> e.getName().equals("STREAMHUB_CONFIG_LAST_GOOD_FILE"))
                .map(EnvVar::getValue).findFirst().orElseThrow(() -> new AssertionError("no STREAMHUB_CONFIG_LAST_GOOD_FILE"));
        VolumeMount mount = c.getVolumeMounts().stream().filter(m -> file.startsWith(m.getMountPath() + "/")).findFirst()
                .orElseThrow(() -> new AssertionError(file + " is on the read-only root filesystem"));
        Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(mount.getName())).findFirst().orElseThrow();
        assertTrue(volume.getEmptyDir() != null, "an emptyDir survives container restarts");
        assertEquals(null, mount.getReadOnly());
    }

    @Test
    void theOriginMayDeleteWhatTheEgressWritesAndRetentionIsConfigured() {
        PodSpec pod = Chart.objects(Chart.template(Chart.root().resolve("k8s/distributed/values.yaml"))).stream()
                .filter(o -> o instanceof io.fabric8.kubernetes.api.model.apps.DaemonSet && o.getMetadata().getName().equals("streamhub-router-origin"))
                .map(o -> ((io.fabric8.kubernetes.api.model.apps.DaemonSet) o).getSpec().getTemplate().getSpec()).findFirst().orElseThrow();
        Container grant = pod.getInitContainers().stream().filter(c -> c.getName().equals("grant-hls-access")).findFirst().orElseThrow();
        assertEquals("/usr/bin/setfacl", grant.getCommand().get(0));
        assertTrue(grant.getCommand().contains("/data") && grant.getCommand().stream().anyMatch(a -> a.startsWith("u:185:")), grant.getCommand().toString());
        Container router = pod.getContainers().get(0);
        assertTrue(router.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/data") && !Boolean.TRUE.equals(m.getReadOnly())));
        assertEquals("true", router.getEnv().stream().filter(e -> e.getName().equals("ROUTER_ORIGIN_RETENTION_ENABLED")).findFirst()
                .orElseThrow().getValue());
    }
}
