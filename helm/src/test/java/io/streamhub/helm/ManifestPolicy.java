package io.streamhub.helm;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What every rendering of the chart must satisfy, whatever the values: the hardening the issue
 * asks for, probes and resources on every container, and references that resolve (selectors
 * match pods, Services reach a declared port, Ingresses and HPAs name objects that exist).
 * Returns violations as readable sentences rather than failing on the first.
 */
final class ManifestPolicy {

    static final List<String> REQUIRED_LABELS = List.of(
            "app.kubernetes.io/name", "app.kubernetes.io/instance", "app.kubernetes.io/component",
            "app.kubernetes.io/part-of", "app.kubernetes.io/managed-by");

    /** Objects the values may name without the chart creating them (operator-made Secrets and ConfigMaps). */
    private final Set<String> externalConfigMaps;

    ManifestPolicy(Set<String> externalConfigMaps) {
        this.externalConfigMaps = externalConfigMaps;
    }

    List<String> violations(List<HasMetadata> objects) {
        List<String> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (HasMetadata object : objects) {
            String id = id(object);
            if (!seen.add(id)) {
                out.add(id + " is rendered twice");
            }
            labels(object, out);
            if (!(object instanceof GenericKubernetesResource)) {
                UnknownFields.in(object).forEach(field -> out.add(id + " has a field Kubernetes does not know: " + field));
            }
            workload(object).ifPresent(pod -> pod(id, object, pod, objects, out));
            if (object instanceof Service service) {
                service(id, service, objects, out);
            } else if (object instanceof Ingress ingress) {
                ingress(id, ingress, objects, out);
            } else if (object instanceof HorizontalPodAutoscaler hpa) {
                hpa(id, hpa, objects, out);
            } else if (object instanceof PodDisruptionBudget pdb) {
                selects(id, pdb.getSpec().getSelector().getMatchLabels(), objects, out);
            } else if (object instanceof NetworkPolicy policy) {
                selects(id, policy.getSpec().getPodSelector().getMatchLabels(), objects, out);
            } else if (object instanceof GenericKubernetesResource generic) {
                generic(id, generic, objects, out);
            }
        }
        return out;
    }

    static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }

    static Optional<PodTemplateSpec> workload(HasMetadata object) {
        if (object instanceof Deployment d) {
            return Optional.of(d.getSpec().getTemplate());
        } else if (object instanceof DaemonSet d) {
            return Optional.of(d.getSpec().getTemplate());
        } else if (object instanceof StatefulSet s) {
            return Optional.of(s.getSpec().getTemplate());
        }
        return Optional.empty();
    }

    static Map<String, String> workloadSelector(HasMetadata object) {
        if (object instanceof Deployment d) {
            return d.getSpec().getSelector().getMatchLabels();
        } else if (object instanceof DaemonSet d) {
            return d.getSpec().getSelector().getMatchLabels();
        } else if (object instanceof StatefulSet s) {
            return s.getSpec().getSelector().getMatchLabels();
        }
        return Map.of();
    }

    private static void labels(HasMetadata object, List<String> out) {
        Map<String, String> labels = Optional.ofNullable(object.getMetadata().getLabels()).orElse(Map.of());
        for (String label : REQUIRED_LABELS) {
            if (!labels.containsKey(label)) {
                out.add(id(object) + " lacks the label " + label);
            }
        }
    }

    private void pod(String id, HasMetadata owner, PodTemplateSpec template, List<HasMetadata> objects, List<String> out) {
        Map<String, String> selector = workloadSelector(owner);
        Map<String, String> podLabels = Optional.ofNullable(template.getMetadata().getLabels()).orElse(Map.of());
        if (selector == null || selector.isEmpty()) {
            out.add(id + " has no selector");
        } else if (!podLabels.entrySet().containsAll(selector.entrySet())) {
            out.add(id + " selector " + selector + " does not match its pod labels " + podLabels);
        }
        var spec = template.getSpec();
        var podSecurity = spec.getSecurityContext();
        if (podSecurity == null || !Boolean.TRUE.equals(podSecurity.getRunAsNonRoot())) {
            out.add(id + " pods may run as root (runAsNonRoot is not true)");
        }
        if (podSecurity == null || podSecurity.getSeccompProfile() == null
                || !"RuntimeDefault".equals(podSecurity.getSeccompProfile().getType())) {
            out.add(id + " pods lack the RuntimeDefault seccomp profile");
        }
        String account = spec.getServiceAccountName();
        List<String> accounts = objects.stream().filter(o -> o instanceof ServiceAccount).map(o -> o.getMetadata().getName()).toList();
        if (account == null || account.isEmpty()) {
            out.add(id + " pods run as the namespace's default service account");
        } else if (!accounts.isEmpty() && !accounts.contains(account)) {
            out.add(id + " pods use the service account " + account + ", which is not the one rendered " + accounts);
        }
        if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
            out.add(id + " mounts a service account token it does not need");
        }
        Set<String> volumes = new HashSet<>();
        for (Volume volume : Optional.ofNullable(spec.getVolumes()).orElse(List.of())) {
            volumes.add(volume.getName());
            if (volume.getConfigMap() != null) {
                configMapExists(id, volume.getConfigMap().getName(), objects, out);
            }
        }
        for (Container container : spec.getContainers()) {
            container(id + " container " + container.getName(), container, template, volumes, objects, out);
        }
        for (Container init : Optional.ofNullable(spec.getInitContainers()).orElse(List.<Container>of())) {
            initContainer(id + " init container " + init.getName(), init, out);
        }
    }

    /**
     * Init containers: the same hardening, except the one documented root step (the origin's ACL grant,
     * docs/install.md), which may run as uid 0 with FOWNER and nothing else.
     */
    private static void initContainer(String where, Container init, List<String> out) {
        String image = init.getImage();
        if (image == null || !image.matches(".+:[^/:]+") || image.endsWith(":latest")) {
            out.add(where + " image " + image + " has no fixed tag");
        }
        var security = init.getSecurityContext();
        hardening(where, security, out);
        if (security == null) {
            return;
        }
        var caps = security.getCapabilities();
        boolean root = Long.valueOf(0).equals(security.getRunAsUser()) || Boolean.FALSE.equals(security.getRunAsNonRoot());
        List<String> added = caps == null || caps.getAdd() == null ? List.of() : caps.getAdd();
        if (root && !ROOT_INIT_CONTAINERS.contains(init.getName())) {
            out.add(where + " runs as root");
        }
        if (!added.isEmpty() && !(ROOT_INIT_CONTAINERS.contains(init.getName()) && List.of("FOWNER").containsAll(added))) {
            out.add(where + " adds capabilities " + added);
        }
        if (init.getResources() == null || init.getResources().getLimits() == null || !init.getResources().getLimits().containsKey("memory")) {
            out.add(where + " has no memory limit");
        }
    }

    /** What every container and init container must have: no escalation, a read-only root, no privilege, ALL dropped. */
    private static void hardening(String where, io.fabric8.kubernetes.api.model.SecurityContext security, List<String> out) {
        if (security == null) {
            out.add(where + " has no securityContext");
            return;
        }
        if (!Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())) {
            out.add(where + " allows privilege escalation");
        }
        if (!Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())) {
            out.add(where + " has a writable root filesystem");
        }
        if (Boolean.TRUE.equals(security.getPrivileged())) {
            out.add(where + " is privileged");
        }
        if (security.getCapabilities() == null || security.getCapabilities().getDrop() == null
                || !security.getCapabilities().getDrop().contains("ALL")) {
            out.add(where + " does not drop ALL capabilities");
        }
    }

    /** Init containers allowed to run as root: the origin's one-shot ACL grant on the egress's folder. */
    private static final Set<String> ROOT_INIT_CONTAINERS = Set.of("grant-hls-access");

    private void container(String where, Container container, PodTemplateSpec template, Set<String> volumes,
                           List<HasMetadata> objects, List<String> out) {
        String image = container.getImage();
        if (image == null || !image.matches(".+:[^/:]+") || image.endsWith(":latest")) {
            out.add(where + " image " + image + " has no fixed tag");
        }
        hardening(where, container.getSecurityContext(), out);
        var resources = container.getResources();
        if (resources == null || resources.getRequests() == null
                || !resources.getRequests().containsKey("cpu") || !resources.getRequests().containsKey("memory")) {
            out.add(where + " has no cpu and memory requests");
        }
        if (resources == null || resources.getLimits() == null || !resources.getLimits().containsKey("memory")) {
            out.add(where + " has no memory limit");
        }
        List<ContainerPort> ports = Optional.ofNullable(container.getPorts()).orElse(List.of());
        probe(where, "liveness", container.getLivenessProbe(), ports, out);
        probe(where, "readiness", container.getReadinessProbe(), ports, out);
        boolean ours = image != null && image.contains("/streamhub/");
        if (ours) {
            probe(where, "startup", container.getStartupProbe(), ports, out);
            for (Probe probe : new Probe[] {container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()}) {
                if (probe != null && (probe.getHttpGet() == null || !probe.getHttpGet().getPath().startsWith("/q/health/"))) {
                    out.add(where + " probes something other than the Quarkus health endpoints");
                }
            }
            Map<String, String> annotations = Optional.ofNullable(template.getMetadata().getAnnotations()).orElse(Map.of());
            if (!annotations.containsKey("checksum/config")) {
                out.add(where + " pods do not roll when their config changes (no checksum/config)");
            }
        }
        Optional.ofNullable(container.getVolumeMounts()).orElse(List.of()).forEach(mount -> {
            if (!volumes.contains(mount.getName())) {
                out.add(where + " mounts an undeclared volume " + mount.getName());
            }
        });
        Optional.ofNullable(container.getEnvFrom()).orElse(List.of()).forEach(source -> {
            if (source.getConfigMapRef() != null) {
                configMapExists(where, source.getConfigMapRef().getName(), objects, out);
            }
        });
    }

    private static void probe(String where, String kind, Probe probe, List<ContainerPort> ports, List<String> out) {
        if (probe == null) {
            out.add(where + " has no " + kind + " probe");
            return;
        }
        IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
        if (port != null && !declares(ports, port)) {
            out.add(where + " " + kind + " probe targets port " + port + ", which the container does not declare");
        }
    }

    private static boolean declares(List<ContainerPort> ports, IntOrString port) {
        return ports.stream().anyMatch(p -> port.getStrVal() != null
                ? port.getStrVal().equals(p.getName())
                : Objects.equals(port.getIntVal(), p.getContainerPort()));
    }

    private void configMapExists(String where, String name, List<HasMetadata> objects, List<String> out) {
        boolean rendered = objects.stream().anyMatch(o -> o instanceof ConfigMap && o.getMetadata().getName().equals(name));
        if (!rendered && !externalConfigMaps.contains(name)) {
            out.add(where + " refers to a ConfigMap " + name + " that is neither rendered nor named in the values");
        }
    }

    private static void service(String id, Service service, List<HasMetadata> objects, List<String> out) {
        Map<String, String> selector = service.getSpec().getSelector();
        List<PodTemplateSpec> pods = matchingPods(selector, objects);
        if (pods.isEmpty()) {
            out.add(id + " selects no pods of this release");
            return;
        }
        for (ServicePort port : service.getSpec().getPorts()) {
            for (PodTemplateSpec pod : pods) {
                boolean reachable = pod.getSpec().getContainers().stream()
                        .anyMatch(c -> declares(Optional.ofNullable(c.getPorts()).orElse(List.of()), port.getTargetPort()));
                if (!reachable) {
                    out.add(id + " port " + port.getName() + " targets " + port.getTargetPort() + ", which its pods do not declare");
                }
            }
        }
    }

    private static void ingress(String id, Ingress ingress, List<HasMetadata> objects, List<String> out) {
        ingress.getSpec().getRules().forEach(rule -> rule.getHttp().getPaths().forEach(path -> {
            if (path.getPath().equals("/") || path.getPath().startsWith("/q")) {
                out.add(id + " exposes the management endpoints (/q/health, /q/metrics) through " + path.getPath());
            }
            IngressBackend backend = path.getBackend();
            String name = backend.getService().getName();
            Optional<Service> service = objects.stream().filter(o -> o instanceof Service && o.getMetadata().getName().equals(name))
                    .map(Service.class::cast).findFirst();
            if (service.isEmpty()) {
                out.add(id + " routes to a Service " + name + " that is not rendered");
            } else if (service.get().getSpec().getPorts().stream().noneMatch(p -> p.getName().equals(backend.getService().getPort().getName()))) {
                out.add(id + " routes to port " + backend.getService().getPort().getName() + " that " + name + " does not have");
            }
        }));
    }

    private static void hpa(String id, HorizontalPodAutoscaler hpa, List<HasMetadata> objects, List<String> out) {
        var target = hpa.getSpec().getScaleTargetRef();
        Optional<HasMetadata> scaled = objects.stream()
                .filter(o -> o.getKind().equals(target.getKind()) && o.getMetadata().getName().equals(target.getName())).findFirst();
        if (scaled.isEmpty()) {
            out.add(id + " scales " + target.getKind() + "/" + target.getName() + ", which is not rendered");
        } else if (scaled.get() instanceof Deployment deployment && deployment.getSpec().getReplicas() != null) {
            out.add(id + " fights " + id(deployment) + ", which also sets replicas");
        }
        if (hpa.getSpec().getMinReplicas() > hpa.getSpec().getMaxReplicas()) {
            out.add(id + " has minReplicas above maxReplicas");
        }
    }

    private static void generic(String id, GenericKubernetesResource resource, List<HasMetadata> objects, List<String> out) {
        if (resource.getKind().equals("PrometheusRule")) {
            // Its rules are checked by MonitoringTest (shape) and MetricsContractIT (every metric exported).
            return;
        }
        if (!resource.getKind().equals("ServiceMonitor")) {
            out.add(id + " is of a kind the chart should not render");
            return;
        }
        @SuppressWarnings("unchecked")
        Map<String, String> selector = (Map<String, String>) ((Map<String, Object>) ((Map<String, Object>) resource.getAdditionalProperties()
                .get("spec")).get("selector")).get("matchLabels");
        boolean found = objects.stream().anyMatch(o -> o instanceof Service s && s.getMetadata().getLabels().entrySet().containsAll(selector.entrySet())
                && s.getSpec().getPorts().stream().anyMatch(p -> "http".equals(p.getName())));
        if (!found) {
            out.add(id + " selects no Service with an http port");
        }
    }

    private static void selects(String id, Map<String, String> selector, List<HasMetadata> objects, List<String> out) {
        if (matchingPods(selector, objects).isEmpty()) {
            out.add(id + " selects no pods of this release");
        }
    }

    /**
     * Pods whose template labels the selector matches. Kubernetes sets
     * {@code statefulset.kubernetes.io/pod-name} on each StatefulSet pod itself, so a selector on it
     * (a Service per pod) is judged by its other labels.
     */
    private static List<PodTemplateSpec> matchingPods(Map<String, String> selector, List<HasMetadata> objects) {
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        Map<String, String> templated = new java.util.HashMap<>(selector);
        templated.remove("statefulset.kubernetes.io/pod-name");
        return objects.stream().flatMap(o -> workload(o).stream())
                .filter(pod -> pod.getMetadata().getLabels().entrySet().containsAll(templated.entrySet()))
                .toList();
    }
}
