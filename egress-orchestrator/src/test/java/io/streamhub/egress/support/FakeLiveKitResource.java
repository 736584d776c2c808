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
        return Map.of(
                "orchestrator.livekit.nodes.node-a.url", fake().url(),
                "orchestrator.livekit.api-key", FakeLiveKit.KEY,
                "orchestrator.livekit.api-secret", FakeLiveKit.SECRET,
                "orchestrator.livekit.discover", "false",
                "orchestrator.reconcile-interval", "400ms",
                "orchestrator.retry-initial", "200ms",
                "orchestrator.retry-max", "1s",
                "orchestrator.lock-ttl", "5s",
                "orchestrator.admin-lock-wait", "2s",
                "orchestrator.admin-token", "test-admin-token");
    }

    @Override
    public void stop() {
        // Shared for the JVM.
    }
}
