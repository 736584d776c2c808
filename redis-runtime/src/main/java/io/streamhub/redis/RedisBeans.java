package io.streamhub.redis;

import io.streamhub.shared.RedisKeys;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.config.Config;

/** The one producer of Redis access for every service: the keys under the configured prefix, the command runtime, the event subscriptions. */
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

    /**
     * Reads the Quarkus client's own settings ({@code quarkus.redis.*}), so a Sentinel setup is
     * configured once: the hosts are then the Sentinels, and the master name the one they monitor.
     */
    @Produces
    @Singleton
    EventSubscriptions eventSubscriptions(Redis redis, Vertx vertx, RedisKeys keys, Config config) {
        RedisClientType type = config.getOptionalValue("quarkus.redis.client-type", RedisClientType.class)
                .orElse(RedisClientType.STANDALONE);
        PrimaryWatch watch = PrimaryWatch.NONE;
        if (type == RedisClientType.SENTINEL) {
            List<URI> sentinels = config.getValues("quarkus.redis.hosts", URI.class);
            String master = config.getOptionalValue("quarkus.redis.master-name", String.class).orElse("mymaster");
            watch = new SentinelPrimaryWatch(vertx, sentinels, master);
        }
        return new EventSubscriptions(redis, vertx, keys, watch);
    }

    void closeSubscriptions(@Disposes EventSubscriptions subscriptions) {
        subscriptions.stop();
    }
}
