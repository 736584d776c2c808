package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in Redis's two topologies and the external Sentinel option, read back from real
 * renderings: which objects exist, what the members run, and what every service is told.
 */
class RedisTopologyTest {

    static final String MEMBER = "streamhub-redis-%d.streamhub-redis-headless.streaming.svc.cluster.local:%d";
    static final List<String> SERVICES = List.of("p2p-tracker", "config-service", "egress-orchestrator", "router-master", "router-origin");

    private static List<HasMetadata> render(String example) {
        return Chart.objects(Chart.template(Chart.root().resolve("helm/examples/" + example)));
    }

    private static <T extends HasMetadata> T only(List<HasMetadata> objects, Class<T> kind, String name) {
        List<T> found = objects.stream().filter(kind::isInstance).map(kind::cast).filter(o -> o.getMetadata().getName().equals(name)).toList();
        assertEquals(1, found.size(), kind.getSimpleName() + " " + name);
        return found.get(0);
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null).collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static Container serviceContainer(List<HasMetadata> objects, String component) {
        return objects.stream().filter(o -> o.getMetadata().getName().equals("streamhub-" + component))
                .map(o -> o instanceof Deployment d ? d.getSpec().getTemplate().getSpec()
                        : o instanceof DaemonSet d ? d.getSpec().getTemplate().getSpec() : null)
                .filter(Objects::nonNull).findFirst().orElseThrow(() -> new AssertionError("no workload " + component))
                .getContainers().get(0);
    }

    private static String members(int port) {
        return IntStream.range(0, 3).mapToObj(i -> MEMBER.formatted(i, port)).collect(Collectors.joining(" "));
    }

    @Test
    void theSentinelTopologyRunsThreeMembersFromTheTestedScriptAndEveryServiceFollowsTheSentinels() throws IOException {
        List<HasMetadata> objects = render("redis-sentinel.yaml");
        StatefulSet set = only(objects, StatefulSet.class, "streamhub-redis");
        assertEquals(3, set.getSpec().getReplicas());
        assertEquals("streamhub-redis-headless", set.getSpec().getServiceName());
        PodSpec pod = set.getSpec().getTemplate().getSpec();
        assertEquals(List.of("redis", "sentinel"), pod.getContainers().stream().map(Container::getName).toList());
        for (Container c : pod.getContainers()) {
            assertEquals(List.of("sh", "/scripts/redis-node.sh", c.getName()), c.getCommand());
            Map<String, String> env = env(c);
            assertEquals(members(6379), env.get("NODES"));
            assertEquals(members(26379), env.get("SENTINELS"));
            assertEquals("streamhub", env.get("MASTER_NAME"));
            assertEquals("5000", env.get("DOWN_AFTER_MS"));
            assertEquals("2", env.get("QUORUM"));
            assertTrue(c.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals("/conf") && m.getReadOnly() == null),
                    c.getName() + " writes its config to a volume (the root filesystem is read-only)");
        }
        // What the pods run is the script RedisNodeScriptTest runs.
        ConfigMap scripts = only(objects, ConfigMap.class, "streamhub-redis-scripts");
        assertEquals(Files.readString(Chart.chartDir().resolve("files/redis-node.sh")), scripts.getData().get("redis-node.sh"));

        Service headless = only(objects, Service.class, "streamhub-redis-headless");
        assertEquals("None", headless.getSpec().getClusterIP());
        assertTrue(headless.getSpec().getPublishNotReadyAddresses(), "a starting member must resolve the others");
        assertTrue(objects.stream().noneMatch(o -> o instanceof Service && o.getMetadata().getName().equals("streamhub-redis")),
                "no load-balanced Service: it would send writes to replicas");
        assertEquals(new IntOrString(1), only(objects, PodDisruptionBudget.class, "streamhub-redis").getSpec().getMaxUnavailable());

        String sentinels = IntStream.range(0, 3).mapToObj(i -> "redis://" + MEMBER.formatted(i, 26379))
                .collect(Collectors.joining(","));
        for (String component : SERVICES) {
            Map<String, String> env = env(serviceContainer(objects, component));
            assertEquals(sentinels, env.get("REDIS_URL"), component);
            assertEquals("sentinel", env.get("REDIS_CLIENT_TYPE"), component);
            assertEquals("streamhub", env.get("REDIS_MASTER_NAME"), component);
        }

        NetworkPolicy policy = only(objects, NetworkPolicy.class, "streamhub-redis");
        assertEquals(List.of("redis", "sentinel"), policy.getSpec().getIngress().get(0).getPorts().stream()
                .map(NetworkPolicyPort::getPort).map(IntOrString::getStrVal).toList());
    }

    @Test
    void standaloneStaysOnePodBehindAServiceAndTalksToItDirectly() {
        List<HasMetadata> objects = Chart.objects(Chart.template());
        StatefulSet set = only(objects, StatefulSet.class, "streamhub-redis");
        assertEquals(1, set.getSpec().getReplicas());
        assertEquals(List.of("redis"), set.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getName).toList());
        only(objects, Service.class, "streamhub-redis");
        Map<String, String> env = env(serviceContainer(objects, "p2p-tracker"));
        assertEquals("redis://streamhub-redis:6379", env.get("REDIS_URL"));
        assertFalse(env.containsKey("REDIS_CLIENT_TYPE"), "the services' default (standalone) applies");
    }

    @Test
    void anExternalSentinelSetIsReachedThroughItsSentinels(@TempDir Path dir) throws IOException {
        Path values = Files.writeString(dir.resolve("values.yaml"), """
                redis:
                  mode: external
                  external:
                    topology: sentinel
                    masterName: media-cache
                    url: redis://s1.data.svc:26379,redis://s2.data.svc:26379,redis://s3.data.svc:26379
                """);
        List<HasMetadata> objects = Chart.objects(Chart.template(values));
        assertTrue(objects.stream().noneMatch(StatefulSet.class::isInstance), "no built-in Redis");
        Map<String, String> env = env(serviceContainer(objects, "config-service"));
        assertEquals("redis://s1.data.svc:26379,redis://s2.data.svc:26379,redis://s3.data.svc:26379", env.get("REDIS_URL"));
        assertEquals("sentinel", env.get("REDIS_CLIENT_TYPE"));
        assertEquals("media-cache", env.get("REDIS_MASTER_NAME"));
    }
}
