package io.streamhub.router.redis;

import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.redis.RedisOps;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The router's Redis access, with its prefix and command deadline. */
public class RedisProducer {

    @Produces
    @Singleton
    RedisOps redisOps(Redis redis, Vertx vertx, RouterConfig config) {
        return new RedisOps(redis, vertx, new RedisKeys(config.redis().prefix()), config.redis().timeout());
    }
}
