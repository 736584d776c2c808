package io.streamhub.egress.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** Starts one {@link FakeLiveKit} for the test JVM and points the orchestrator at it as node {@code node-a}. */
public class FakeLiveKitResource implements QuarkusTestResourceLifecycleManager {

    private static FakeLiveKit fake;

    public static synchronized FakeLiveKit fake() {
        if (fake == null) {
            try {
                fake = new FakeLiveKit();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return fake;
    }

    @Override
    public Map<String, String> start() {
        return Map.ofEntries(
                Map.entry("orchestrator.max-attempts", "3"),
                Map.entry("orchestrator.failed-retry-initial", "1s"),
                Map.entry("orchestrator.failed-retry-max", "2s"),
                Map.entry("orchestrator.livekit.nodes.node-a.url", fake().url()),
                Map.entry("orchestrator.livekit.api-key", FakeLiveKit.KEY),
                Map.entry("orchestrator.livekit.api-secret", FakeLiveKit.SECRET),
                Map.entry("orchestrator.livekit.discover", "false"),
                Map.entry("orchestrator.reconcile-interval", "1s"),
                Map.entry("orchestrator.retry-initial", "200ms"),
                Map.entry("orchestrator.retry-max", "1s"),
                Map.entry("orchestrator.lock-ttl", "5s"),
                Map.entry("orchestrator.admin-lock-wait", "2s"),
                Map.entry("orchestrator.admin-token", "test-admin-token"));
    }

    @Override
    public void stop() {
        // Shared for the JVM.
    }
}
