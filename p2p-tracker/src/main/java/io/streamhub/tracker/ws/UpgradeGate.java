package io.streamhub.tracker.ws;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.mutiny.Uni;
import io.streamhub.shared.HlsNames;
import io.streamhub.tracker.config.TrackerConfig;
import io.streamhub.tracker.core.Refusal;
import io.streamhub.tracker.metrics.TrackerMetrics;
import io.streamhub.tracker.policy.AppPolicies;
import io.streamhub.tracker.policy.AppPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;

/**
 * Checks before the WebSocket upgrade, where a refusal costs one HTTP response: a well-formed
 * {@code <app>/<room>}, room under the connection limit, and an app that exists. Fetching the app's
 * policy here also means announces on the connection never wait on Redis.
 */
@ApplicationScoped
public class UpgradeGate implements HttpUpgradeCheck {

    private static final Map<String, List<String>> RETRY_SOON = Map.of("Retry-After", List.of("1"));

    private final AppPolicies policies;
    private final TrackerMetrics metrics;
    private final int maxConnections;

    public UpgradeGate(AppPolicies policies, TrackerMetrics metrics, TrackerConfig config) {
        this.policies = policies;
        this.metrics = metrics;
        this.maxConnections = config.maxConnections();
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String app = context.pathParam("app");
        String room = context.pathParam("room");
        if (!HlsNames.isValidName(app) || !HlsNames.isValidName(room)) {
            metrics.refused(Refusal.BAD_PATH);
            return CheckResult.rejectUpgrade(400);
        }
        if (metrics.connections() >= maxConnections) {
            metrics.refused(Refusal.CONNECTION_LIMIT);
            return CheckResult.rejectUpgrade(503);
        }
        return Uni.createFrom().completionStage(() -> policies.get(app, System.currentTimeMillis()).toCompletionStage())
                .map(this::decide)
                .onFailure().recoverWithItem(e -> {
                    metrics.refused(Refusal.CONFIG_UNAVAILABLE);
                    return CheckResult.rejectUpgradeSync(503, RETRY_SOON);
                });
    }

    private CheckResult decide(AppPolicy policy) {
        if (!policy.known()) {
            metrics.refused(Refusal.UNKNOWN_APP);
            return CheckResult.rejectUpgradeSync(404);
        }
        // A disabled app is let in: its announces get a failure reason the client can show.
        return CheckResult.permitUpgradeSync();
    }
}
