package io.streamhub.redis;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts {@link RedisReachability} in every service that leaves {@code streamhub.redis.watch} on. */
@ApplicationScoped
public class RedisReachabilityWatch {

    void start(@Observes StartupEvent ev, RedisSettings settings, Vertx vertx, RedisOps redis, MeterRegistry registry) {
        if (settings.watch()) {
            RedisReachability.watch(vertx, redis, registry);
        }
    }
}
