package io.streamhub.router.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.redis.RedisOps;
import io.streamhub.redis.RedisReachability;
import io.streamhub.router.config.RouterConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Pings Redis every two seconds so health (and {@code streamhub_redis_up}) reflects it even when no traffic needs it. */
@ApplicationScoped
public class RedisProbe {

    void start(@Observes StartupEvent ev, RouterConfig config, Vertx vertx, RedisOps redis, MeterRegistry registry) {
        if (config.role().usesRedis()) {
            RedisReachability.watch(vertx, redis, registry);
        }
    }
}
