package io.streamhub.router.health;

import io.streamhub.redis.RedisOps;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;

/**
 * Ready while the router can serve. A Redis outage is reported but does not take the pod out of
 * its Service: an origin serves from disk and a master from what it last knew. Only a router that
 * finds rooms in Redis and has never reached it is not ready (it knows no room yet). Made by the role wiring.
 *
 * @param redis        {@code null} on a router that does not use Redis (then its fixed {@code upstream} is reported)
 * @param redisNeeded  whether Redis must have been reached once
 */
public record RouterReadiness(String role, RedisOps redis, boolean redisNeeded, String upstream) implements HealthCheck {

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("hls-router").withData("role", role);
        if (redis == null) {
            return b.withData("upstream", upstream).up().build();
        }
        boolean everReached = redis.lastSuccessMillis() > 0;
        b.withData("redis", redis.isUp() ? "up" : "down");
        if (everReached) {
            b.withData("redisLastContactMsAgo", System.currentTimeMillis() - redis.lastSuccessMillis());
        }
        return b.status(everReached || !redisNeeded).build();
    }
}
