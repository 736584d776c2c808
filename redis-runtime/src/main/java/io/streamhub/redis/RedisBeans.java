package io.streamhub.redis;

import io.streamhub.shared.RedisKeys;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The one producer of Redis access for every service: the keys under the configured prefix, and the command runtime. */
public class RedisBeans {

    @Produces
    @Singleton
    RedisKeys redisKeys(RedisSettings settings) {
        return new RedisKeys(settings.prefix());
    }

    @Produces
    @Singleton
    RedisOps redisOps(Redis redis, Vertx vertx, RedisKeys keys, RedisSettings settings) {
        return new RedisOps(redis, vertx, keys, settings.timeout());
    }
}
