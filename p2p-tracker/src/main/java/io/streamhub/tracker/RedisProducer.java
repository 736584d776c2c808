package io.streamhub.tracker;

import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.redis.RedisOps;
import io.streamhub.tracker.config.TrackerConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The tracker's Redis access, with its prefix and command deadline. */
public class RedisProducer {

    @Produces
    @Singleton
    RedisOps redisOps(Redis redis, Vertx vertx, TrackerConfig config) {
        return new RedisOps(redis, vertx, new RedisKeys(config.redis().prefix()), config.redis().timeout());
    }
}
