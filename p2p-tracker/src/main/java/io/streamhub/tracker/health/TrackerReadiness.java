package io.streamhub.tracker.health;

import io.streamhub.redis.RedisOps;
import io.streamhub.tracker.core.SessionRegistry;
import io.streamhub.tracker.policy.KillSwitch;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once every app's policy has been loaded from Redis: before that a crowd of viewers would
 * each wait on (or be refused for) a config read. A later Redis outage is reported but keeps the pod in: open swarms go on with the
 * policies last known.
 */
@Readiness
@ApplicationScoped
public class TrackerReadiness implements HealthCheck {

    private final RedisOps redis;
    private final KillSwitch killSwitch;
    private final SessionRegistry sessions;

    public TrackerReadiness(RedisOps redis, KillSwitch killSwitch, SessionRegistry sessions) {
        this.redis = redis;
        this.killSwitch = killSwitch;
        this.sessions = sessions;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("p2p-tracker")
                .withData("redis", redis.isUp() ? "up" : "down")
                .withData("eventsSubscribed", killSwitch.isSubscribed())
                .withData("policiesLoaded", killSwitch.isLoaded())
                .withData("connections", sessions.size())
                .status(killSwitch.isLoaded())
                .build();
    }
}
