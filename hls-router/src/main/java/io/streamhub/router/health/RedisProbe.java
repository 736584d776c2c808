package io.streamhub.router.health;

import io.quarkus.runtime.StartupEvent;
import io.streamhub.redis.RedisOps;
import io.streamhub.router.config.RouterConfig;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Pings Redis every two seconds so health reflects it even when no traffic needs it. */
@ApplicationScoped
public class RedisProbe {

    static final long INTERVAL_MS = 2000;

    void start(@Observes StartupEvent ev, RouterConfig config, Vertx vertx, RedisOps redis) {
        if (config.role().usesRedis()) {
            vertx.setPeriodic(0, INTERVAL_MS, id -> redis.ping());
        }
    }
}
