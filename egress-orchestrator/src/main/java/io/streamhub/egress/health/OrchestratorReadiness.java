package io.streamhub.egress.health;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.reconcile.EgressMetrics;
import io.streamhub.egress.reconcile.ReconcileLoop;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while Redis answers (every decision needs the room state and the lock). LiveKit
 * reachability per node is reported as detail: an unreachable node affects its rooms only.
 */
@Readiness
@ApplicationScoped
public class OrchestratorReadiness implements HealthCheck {

    private final RedisDataSource redis;
    private final EgressMetrics metrics;
    private final ReconcileLoop loop;
    private final OrchestratorConfig config;

    public OrchestratorReadiness(RedisDataSource redis, EgressMetrics metrics, ReconcileLoop loop, OrchestratorConfig config) {
        this.redis = redis;
        this.metrics = metrics;
        this.loop = loop;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("egress-orchestrator")
                .withData("driver", config.driver().name().toLowerCase(java.util.Locale.ROOT));
        boolean redisUp;
        try {
            redis.execute("PING");
            redisUp = true;
        } catch (RuntimeException e) {
            redisUp = false;
        }
        b.withData("redis", redisUp ? "up" : "down");
        metrics.reachability().forEach((node, up) -> b.withData("livekit." + node, up == 1 ? "reachable" : "unreachable"));
        if (loop.lastPassAt() > 0) {
            b.withData("lastPassMsAgo", System.currentTimeMillis() - loop.lastPassAt());
        }
        return b.status(redisUp).build();
    }
}
