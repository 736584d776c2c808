package io.streamhub.helm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What each install mode is for, read back from real renderings. */
class InstallModesTest {

    private static List<HasMetadata> render(String example) {
        return example == null ? Chart.objects(Chart.template())
                : Chart.objects(Chart.template(Chart.root().resolve("helm/examples/" + example)));
    }

    private static <T extends HasMetadata> Optional<T> find(List<HasMetadata> objects, Class<T> kind, String component) {
        return objects.stream().filter(kind::isInstance).map(kind::cast)
                .filter(o -> o.getMetadata().getName().equals("streamhub-" + component)).findFirst();
    }

    private static PodSpec pod(List<HasMetadata> objects, String component) {
        return Chart.podOf(objects, "streamhub-" + component);
    }

    private static Optional<EnvVar> env(Container container, String name) {
        return container.getEnv().stream().filter(e -> e.getName().equals(name)).findFirst();
    }

    private static Map<String, String> envConfig(List<HasMetadata> objects, String name) {
        return find(objects, ConfigMap.class, name).orElseThrow().getData();
    }

    @Test
    void theTrackerAndConfigServiceTrustTheSameProxiesForTheViewersAddress(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        List<HasMetadata> objects = render(null);
        String privateRanges = "10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";
        assertEquals(privateRanges, envConfig(objects, "tracker-env").get("TRACKER_TRUSTED_PROXIES"));
        assertEquals(privateRanges, envConfig(objects, "config-service-env").get("STREAMHUB_CONFIG_TRUSTED_PROXIES"));
        assertEquals("x-forwarded-for", envConfig(objects, "tracker-env").get("TRACKER_FORWARDED_HEADER"));
        Path own = Files.writeString(dir.resolve("gateway.yaml"), "clientAddress: {trustedProxies: [10.42.0.0/16], forwardedHeader: forwarded}\n");
        List<HasMetadata> narrowed = Chart.objects(Chart.template(own));
        assertEquals("10.42.0.0/16", envConfig(narrowed, "tracker-env").get("TRACKER_TRUSTED_PROXIES"));
        assertEquals("10.42.0.0/16", envConfig(narrowed, "config-service-env").get("STREAMHUB_CONFIG_TRUSTED_PROXIES"));
        assertEquals("forwarded", envConfig(narrowed, "config-service-env").get("STREAMHUB_CONFIG_FORWARDED_HEADER"));
        // [] is none: an empty variable is an unset list to both services.
        Path none = Files.writeString(dir.resolve("none.yaml"), "clientAddress: {trustedProxies: []}\n");
        assertEquals("", envConfig(Chart.objects(Chart.template(none)), "tracker-env").get("TRACKER_TRUSTED_PROXIES"));
    }

    @Test
    void aProductionInstallHandsViewersStunUnlessTheOperatorSaysOtherwise(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assertEquals("stun:stun.l.google.com:19302,stun:stun.cloudflare.com:3478",
                envConfig(render(null), "config-service-env").get("STREAMHUB_CONFIG_DEFAULT_ICE_SERVERS"));
        Path own = Files.writeString(dir.resolve("stun.yaml"), "configService: {defaultIceServers: [\"turn:turn.example.com:3478\"]}\n");
        assertEquals("turn:turn.example.com:3478",
                envConfig(Chart.objects(Chart.template(own)), "config-service-env").get("STREAMHUB_CONFIG_DEFAULT_ICE_SERVERS"));
        // [] is "none" to config-service: an empty variable would mean its built-in list.
        Path none = Files.writeString(dir.resolve("none.yaml"), "configService: {defaultIceServers: []}\n");
        assertEquals("none", envConfig(Chart.objects(Chart.template(none)), "config-service-env").get("STREAMHUB_CONFIG_DEFAULT_ICE_SERVERS"));
    }

    @Test
    void everyServiceListensWhereItsPortsSay(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path moved = Files.writeString(dir.resolve("ports.yaml"), """
                router: {port: 9080}
                configService: {port: 9081}
                tracker: {port: 9082, wsPort: 9084}
                orchestrator: {port: 9083}
                managementPort: 9100
                """);
        for (List<HasMetadata> objects : List.of(render(null), Chart.objects(Chart.template(moved)))) {
            for (String component : List.of("router-origin", "router-master", "config-service", "egress-orchestrator", "p2p-tracker")) {
                Container c = pod(objects, component).getContainers().get(0);
                Map<String, String> env = c.getEnvFrom().stream().map(e -> envConfig(objects, e.getConfigMapRef().getName().substring("streamhub-".length())))
                        .reduce(new java.util.HashMap<>(), (a, b) -> {
                            a.putAll(b);
                            return a;
                        });
                c.getEnv().stream().filter(e -> e.getValue() != null).forEach(e -> env.put(e.getName(), e.getValue()));
                for (var port : c.getPorts()) {
                    String variable = port.getName().equals("http") ? "PORT" : port.getName().toUpperCase(java.util.Locale.ROOT) + "_PORT";
                    assertEquals(String.valueOf(port.getContainerPort()), env.get(variable), component + ": " + variable + " vs containerPort " + port.getName());
                }
            }
        }
        List<HasMetadata> objects = Chart.objects(Chart.template(moved));
        Ingress tracker = find(objects, Ingress.class, "p2p-tracker").orElseThrow();
        assertEquals("ws", tracker.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getPort().getName(),
                "announces go to the WebSocket port, never to health and metrics");
        assertEquals("ws://tracker.streamhub.example.com/announce", envConfig(objects, "config-service-env").get("STREAMHUB_CONFIG_DEFAULT_TRACKER_URL"));
    }

    @Test
    void everyServiceLogsJsonUnlessTheOperatorSaysOtherwise(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        List<String> services = List.of("p2p-tracker", "config-service", "egress-orchestrator", "router-master", "router-origin");
        for (String component : services) {
            assertEquals("true", env(pod(render(null), component).getContainers().get(0), "LOG_JSON").orElseThrow().getValue(), component);
        }
        Path plain = Files.writeString(dir.resolve("plain.yaml"), "logging: {json: false}\n");
        List<HasMetadata> objects = Chart.objects(Chart.template(plain));
        for (String component : services) {
            assertEquals("false", env(pod(objects, component).getContainers().get(0), "LOG_JSON").orElseThrow().getValue(), component);
        }
    }

    @Test
    void webrtcViewingGetsTheNodesPublicLiveKitUrlAndTheInstallationsKeyPair(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        PodSpec bare = pod(render(null), "config-service");
        assertTrue(env(bare.getContainers().get(0), "STREAMHUB_CONFIG_WEBRTC_API_KEY").isEmpty(), "no Secret, no key");
        assertTrue(env(pod(render(null), "router-origin").getContainers().get(0), "ROUTER_LIVEKIT_PUBLIC_URL").isEmpty());
        Path values = Files.writeString(dir.resolve("webrtc.yaml"), """
                orchestrator: {livekitSecret: livekit-keys}
                router: {origin: {livekitPublicUrl: "wss://$(NODE_IP):7881"}}
                """);
        List<HasMetadata> objects = Chart.objects(Chart.template(values));
        Container config = pod(objects, "config-service").getContainers().get(0);
        for (String[] pair : new String[][] {{"STREAMHUB_CONFIG_WEBRTC_API_KEY", "api-key"}, {"STREAMHUB_CONFIG_WEBRTC_API_SECRET", "api-secret"}}) {
            var ref = env(config, pair[0]).orElseThrow().getValueFrom().getSecretKeyRef();
            assertEquals("livekit-keys", ref.getName());
            assertEquals(pair[1], ref.getKey());
        }
        assertEquals("wss://$(NODE_IP):7881",
                env(pod(objects, "router-origin").getContainers().get(0), "ROUTER_LIVEKIT_PUBLIC_URL").orElseThrow().getValue());
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "router: {origin: {livekitPublicUrl: \"ftp://x\"}}\n");
        org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Chart.template(bad), "the schema refuses a non-ws URL");
    }

    @Test
    void pushedAppsSecretsAreMountedReadOnlyWhereTheOrchestratorReadsThem(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        assertTrue(pod(render(null), "egress-orchestrator").getVolumes().stream().noneMatch(v -> v.getSecret() != null), "no push, no Secret");
        Path values = Files.writeString(dir.resolve("push.yaml"), "orchestrator: {push: {secrets: [s3-radio, s3-shop]}}\n");
        PodSpec pod = pod(Chart.objects(Chart.template(values)), "egress-orchestrator");
        for (String secret : List.of("s3-radio", "s3-shop")) {
            var volume = pod.getVolumes().stream().filter(v -> v.getSecret() != null && secret.equals(v.getSecret().getSecretName()))
                    .findFirst().orElseThrow(() -> new AssertionError("no volume for " + secret));
            var mount = pod.getContainers().get(0).getVolumeMounts().stream().filter(m -> m.getName().equals(volume.getName()))
                    .findFirst().orElseThrow();
            assertEquals("/etc/streamhub/s3/" + secret, mount.getMountPath(), "orchestrator.push.credentials-dir's default, one folder per Secret");
            assertTrue(mount.getReadOnly());
        }
        Path bad = Files.writeString(dir.resolve("bad.yaml"), "orchestrator: {push: {secrets: [\"../etc\"]}}\n");
        RuntimeException e = org.junit.jupiter.api.Assertions.assertThrows(RuntimeException.class, () -> Chart.template(bad));
        assertTrue(e.getMessage().contains("secrets"), "the schema names the setting: " + e.getMessage());
    }

    @Test
    void defaultsAreTheDistributedTopology() {
        List<HasMetadata> objects = render(null);
        DaemonSet origin = find(objects, DaemonSet.class, "router-origin").orElseThrow();
        PodSpec originPod = origin.getSpec().getTemplate().getSpec();
        assertEquals(Map.of("streamhub.io/media-node", "true"), originPod.getNodeSelector());
        assertEquals("/var/lib/streamhub/hls", originPod.getVolumes().stream().filter(v -> v.getName().equals("hls"))
                .findFirst().orElseThrow().getHostPath().getPath(), "the origin serves the egress's host folder");
        Container originContainer = originPod.getContainers().get(0);
        assertEquals("origin", env(originContainer, "ROUTER_ROLE").orElseThrow().getValue());
        assertEquals("spec.nodeName", env(originContainer, "ROUTER_NODE_ID").orElseThrow().getValueFrom().getFieldRef().getFieldPath());
        assertEquals("http://$(POD_IP):8080", env(originContainer, "ROUTER_ADVERTISED_URL").orElseThrow().getValue());

        assertEquals("master", env(pod(objects, "router-master").getContainers().get(0), "ROUTER_ROLE").orElseThrow().getValue());
        Ingress origins = find(objects, Ingress.class, "router").orElseThrow();
        assertEquals("streamhub-router-master", origins.getSpec().getRules().get(0).getHttp().getPaths().get(0).getBackend().getService().getName(),
                "the CDN's origin is the master");

        assertEquals(List.of("/hls"), paths(origins), "the CDN sees HLS, not /q/metrics");
        assertEquals(List.of("/play", "/player", "/api/apps", "/api/estimate", "/schema"),
                paths(find(objects, Ingress.class, "config-service").orElseThrow()), "the admin API (/api/status, /api/reload) stays inside");

        Ingress tracker = find(objects, Ingress.class, "p2p-tracker").orElseThrow();
        assertEquals(List.of("/announce"), paths(tracker));
        assertEquals("$request_uri", tracker.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/upstream-hash-by"),
                "a room's swarm stays on one tracker pod");
        assertEquals("3600", tracker.getMetadata().getAnnotations().get("nginx.ingress.kubernetes.io/proxy-read-timeout"));

        assertTrue(find(objects, StatefulSet.class, "redis").isPresent(), "the built-in Redis by default");
        assertEquals("redis://streamhub-redis:6379", env(pod(objects, "p2p-tracker").getContainers().get(0), "REDIS_URL").orElseThrow().getValue());

        Map<String, String> config = envConfig(objects, "config-service-env");
        assertEquals("ws://tracker.streamhub.example.com/announce", config.get("STREAMHUB_CONFIG_DEFAULT_TRACKER_URL"));
        assertEquals("http://origin.streamhub.example.com", config.get("STREAMHUB_CONFIG_PUBLIC_HLS_URL"));
        assertEquals("folder", config.get("STREAMHUB_CONFIG_SOURCE"));
        assertTrue(find(objects, ConfigMap.class, "apps").orElseThrow().getData().containsKey("demo.yaml"));
        assertEquals("livekit", envConfig(objects, "orchestrator-env").get("ORCHESTRATOR_DRIVER"));
    }

    @Test
    void singleNodeRunsOneRouterAndTheSimulatedEgressBesideIt() {
        List<HasMetadata> objects = render("single-node.yaml");
        assertTrue(objects.stream().noneMatch(DaemonSet.class::isInstance), "no origin DaemonSet");
        assertTrue(find(objects, Deployment.class, "router-master").isEmpty(), "no separate master");
        Deployment router = find(objects, Deployment.class, "router").orElseThrow();
        assertEquals(1, router.getSpec().getReplicas());
        assertEquals("Recreate", router.getSpec().getStrategy().getType(), "never two routers on one folder");
        assertEquals("all-in-one", env(router.getSpec().getTemplate().getSpec().getContainers().get(0), "ROUTER_ROLE").orElseThrow().getValue());

        PodSpec orchestrator = pod(objects, "egress-orchestrator");
        assertEquals("simulated", envConfig(objects, "orchestrator-env").get("ORCHESTRATOR_DRIVER"));
        assertEquals("demo:main,plain:main", envConfig(objects, "orchestrator-env").get("ORCHESTRATOR_SIMULATED_ROOMS"));
        var affinity = orchestrator.getAffinity().getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().get(0);
        assertEquals("router", affinity.getLabelSelector().getMatchLabels().get("app.kubernetes.io/component"),
                "the simulated egress writes into the router's host folder, so it shares its node");
        assertEquals("/var/lib/streamhub/hls", orchestrator.getVolumes().stream().filter(v -> v.getName().equals("hls"))
                .findFirst().orElseThrow().getHostPath().getPath());
    }

    @Test
    void productionUsesManagedRedisNativeImagesMonitoringAndPolicies() {
        List<HasMetadata> objects = render("production.yaml");
        assertTrue(find(objects, StatefulSet.class, "redis").isEmpty(), "no built-in Redis");
        Container tracker = pod(objects, "p2p-tracker").getContainers().get(0);
        var redis = env(tracker, "REDIS_URL").orElseThrow().getValueFrom().getSecretKeyRef();
        assertEquals("streamhub-redis", redis.getName());
        assertEquals("redis-url", redis.getKey());
        assertTrue(tracker.getImage().endsWith("-native"), tracker.getImage());

        Container edge = pod(objects, "router-edge").getContainers().get(0);
        assertEquals("http://streamhub-router-master:8080", env(edge, "ROUTER_UPSTREAM_URL").orElseThrow().getValue());
        assertTrue(objects.stream().noneMatch(Ingress.class::isInstance), "production is on Gateway API, not an Ingress");
        assertTrue(objects.stream().anyMatch(o -> o.getKind().equals("HTTPRoute") && o.getMetadata().getName().equals("streamhub-router-edge")));

        assertEquals("streamhub-apps", pod(objects, "config-service").getVolumes().stream().filter(v -> v.getName().equals("apps"))
                .findFirst().orElseThrow().getConfigMap().getName(), "app files from the ConfigMap Argo CD owns");
        assertTrue(find(objects, ConfigMap.class, "apps").isEmpty(), "the chart does not fight Argo CD for it");

        List<String> monitored = objects.stream().filter(o -> o instanceof GenericKubernetesResource && o.getKind().equals("ServiceMonitor"))
                .map(o -> o.getMetadata().getName()).sorted().toList();
        assertEquals(List.of("streamhub-config-service", "streamhub-egress-orchestrator", "streamhub-p2p-tracker",
                "streamhub-router-edge", "streamhub-router-master", "streamhub-router-origin"), monitored);

        NetworkPolicy origin = find(objects, NetworkPolicy.class, "router-origin").orElseThrow();
        var from = origin.getSpec().getIngress().get(0).getFrom();
        assertEquals("streamhub", from.get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/instance"),
                "only this release's routers reach an origin");
        assertEquals("monitoring", from.get(1).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        assertEquals("wss://tracker.example.com/announce", envConfig(objects, "config-service-env").get("STREAMHUB_CONFIG_DEFAULT_TRACKER_URL"));
    }

    @Test
    void productionProtectsTheOriginAndLetsPublicTrafficInOnlyThroughTheGateway() {
        List<HasMetadata> objects = render("production.yaml");
        Container master = pod(objects, "router-master").getContainers().get(0);
        var token = env(master, "ROUTER_PROTECTION_TOKEN").orElseThrow().getValueFrom().getSecretKeyRef();
        assertEquals("streamhub-origin-token", token.getName());
        assertEquals("token", token.getKey());
        Container edge = pod(objects, "router-edge").getContainers().get(0);
        assertEquals("streamhub-origin-token", env(edge, "ROUTER_UPSTREAM_TOKEN").orElseThrow().getValueFrom().getSecretKeyRef().getName(),
                "the edge passes the master it pulls from");
        assertTrue(env(edge, "ROUTER_PROTECTION_TOKEN").isEmpty(), "viewers reach an edge directly");
        assertTrue(env(pod(objects, "router-origin").getContainers().get(0), "ROUTER_PROTECTION_TOKEN").isEmpty(),
                "origins are reached by masters only (their NetworkPolicy)");

        var from = find(objects, NetworkPolicy.class, "router-master").orElseThrow().getSpec().getIngress().get(0).getFrom();
        assertEquals("streamhub", from.get(0).getPodSelector().getMatchLabels().get("app.kubernetes.io/instance"), "edges reach the master");
        assertEquals("gateway-system", from.get(1).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        assertEquals("monitoring", from.get(2).getNamespaceSelector().getMatchLabels().get("kubernetes.io/metadata.name"));
        assertTrue(find(objects, NetworkPolicy.class, "egress-orchestrator").orElseThrow().getSpec().getIngress().get(0).getFrom() == null
                || find(objects, NetworkPolicy.class, "egress-orchestrator").orElseThrow().getSpec().getIngress().get(0).getFrom().isEmpty(),
                "LiveKit's webhooks reach the orchestrator from the media nodes");
    }

    @Test
    void gitSourceClonesWithCredentialsFromASecret() {
        List<HasMetadata> objects = render("gitops-git.yaml");
        Map<String, String> config = envConfig(objects, "config-service-env");
        assertEquals("git", config.get("STREAMHUB_CONFIG_SOURCE"));
        assertEquals("https://git.example.com/ops/streamhub-apps.git", config.get("STREAMHUB_CONFIG_GIT_URI"));
        Container container = pod(objects, "config-service").getContainers().get(0);
        assertEquals("streamhub-apps-git", env(container, "STREAMHUB_CONFIG_GIT_PASSWORD").orElseThrow().getValueFrom().getSecretKeyRef().getName());
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getMountPath().equals(config.get("STREAMHUB_CONFIG_GIT_CHECKOUT"))),
                "the clone lives on a writable volume");
        assertEquals("redis://redis.data.svc:6379", env(container, "REDIS_URL").orElseThrow().getValue());
    }

    @Test
    void withoutP2pThereIsNoTrackerAndNoIngress() {
        List<HasMetadata> objects = render("without-p2p.yaml");
        assertTrue(objects.stream().noneMatch(o -> o.getMetadata().getName().contains("tracker")));
        assertTrue(objects.stream().noneMatch(Ingress.class::isInstance));
        assertEquals("https://cdn.example.com", envConfig(objects, "config-service-env").get("STREAMHUB_CONFIG_PUBLIC_HLS_URL"));
    }

    @Test
    void changingAServiceSettingRollsItsPodsButAnAppFileDoesNot(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        String before = checksum(render(null), "config-service");
        Path appEdit = Files.writeString(dir.resolve("apps.yaml"),
                "configService:\n  apps:\n    values:\n      demo.yaml: |\n        app: demo\n        distribution:\n          mode: cdn\n");
        assertEquals(before, checksum(Chart.objects(Chart.template(appEdit)), "config-service"), "app files reload live");
        Path settingEdit = Files.writeString(dir.resolve("poll.yaml"), "configService:\n  apps:\n    pollInterval: 30s\n");
        assertFalse(before.equals(checksum(Chart.objects(Chart.template(settingEdit)), "config-service")));
    }

    @Test
    void gitopsExamplesAreWhatArgoCdAndKustomizeRead() throws IOException {
        Path gitops = Chart.root().resolve("helm/gitops");
        HasMetadata application = Chart.objects(Files.readString(gitops.resolve("argocd-application.yaml"))).get(0);
        assertEquals("Application", application.getKind());
        assertEquals("argoproj.io/v1alpha1", application.getApiVersion());
        @SuppressWarnings("unchecked")
        var sources = (List<Map<String, Object>>) ((Map<String, Object>) ((GenericKubernetesResource) application)
                .getAdditionalProperties().get("spec")).get("sources");
        assertEquals("helm/streamhub", sources.get(0).get("path"));

        Map<String, Object> kustomization = Values.read(gitops.resolve("apps-configmap/kustomization.yaml"));
        @SuppressWarnings("unchecked")
        var generator = ((List<Map<String, Object>>) kustomization.get("configMapGenerator")).get(0);
        assertEquals("streamhub-apps", generator.get("name"), "the name production.yaml's existingConfigMap expects");
        @SuppressWarnings("unchecked")
        List<String> files = (List<String>) generator.get("files");
        files.forEach(file -> assertTrue(Files.exists(gitops.resolve("apps-configmap").resolve(file)), file));
        assertEquals("streamhub-apps", Values.read(Chart.root().resolve("helm/examples/production.yaml")).entrySet().stream()
                .filter(e -> e.getKey().equals("configService")).map(e -> ((Map<?, ?>) ((Map<?, ?>) e.getValue()).get("apps")).get("existingConfigMap"))
                .findFirst().orElseThrow());
    }

    private static List<String> paths(Ingress ingress) {
        return ingress.getSpec().getRules().get(0).getHttp().getPaths().stream().map(p -> p.getPath()).toList();
    }

    private static String checksum(List<HasMetadata> objects, String component) {
        return find(objects, Deployment.class, component).orElseThrow().getSpec().getTemplate().getMetadata().getAnnotations().get("checksum/config");
    }
}
