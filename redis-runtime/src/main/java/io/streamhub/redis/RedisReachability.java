package io.streamhub.redis;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Vertx;

/**
 * {@code streamhub_redis_up}: 1 while this service's last Redis command (or ping) succeeded. A
 * service that uses Redis pings it every {@link #INTERVAL_MS}, so the gauge (and readiness)
 * follows Redis even while no traffic needs it. Not started where Redis is not used (an edge
 * router): a gauge stuck at 0 there would page someone for nothing.
 */
public final class RedisReachability {

    public static final long INTERVAL_MS = 2000;

    private RedisReachability() {
    }

    public static void watch(Vertx vertx, RedisOps redis, MeterRegistry registry) {
        Gauge.builder("streamhub.redis.up", redis, r -> r.isUp() ? 1 : 0)
                .description("1 while this service's last Redis command succeeded").register(registry);
        vertx.setPeriodic(0, INTERVAL_MS, id -> redis.ping());
    }
}
