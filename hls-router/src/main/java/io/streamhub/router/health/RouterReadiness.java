package io.streamhub.router.health;

import io.streamhub.redis.RedisOps;
import io.streamhub.router.config.Role;
import io.streamhub.router.config.RouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready while the router can serve. A Redis outage is reported but does not take the pod out of
 * its Service: an origin serves from disk and a master from what it last knew. Only a router that
 * needs Redis and has never reached it is not ready (it knows no room yet).
 */
@Readiness
@ApplicationScoped
public class RouterReadiness implements HealthCheck {

    private final RouterConfig config;
    private final RedisOps redis;

    public RouterReadiness(RouterConfig config, RedisOps redis) {
        this.config = config;
        this.redis = redis;
    }

    @Override
    public HealthCheckResponse call() {
        Role role = config.role();
        HealthCheckResponseBuilder b = HealthCheckResponse.named("hls-router").withData("role", role.label());
        if (!role.usesRedis()) {
            return b.withData("upstream", config.upstream().url().orElse("")).up().build();
        }
        boolean everReached = redis.lastSuccessMillis() > 0;
        b.withData("redis", redis.isUp() ? "up" : "down");
        if (everReached) {
            b.withData("redisLastContactMsAgo", System.currentTimeMillis() - redis.lastSuccessMillis());
        }
        boolean ready = role == Role.ORIGIN || everReached;
        return b.status(ready).build();
    }
}
