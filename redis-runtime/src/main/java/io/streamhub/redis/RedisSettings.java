package io.streamhub.redis;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How a service reaches the Redis every service shares (the server itself is {@code quarkus.redis.hosts}).
 * One mapping for all four, so the key prefix cannot differ between them by a typo.
 */
@ConfigMapping(prefix = "streamhub.redis")
public interface RedisSettings {

    /** Prefix of every key and of the events channel (docs/architecture.md, "Redis keys"). */
    @WithDefault("sh:")
    String prefix();

    /** Per-command deadline of {@link RedisOps}; past it a service uses what it last knew. */
    @WithDefault("1s")
    Duration timeout();

    /**
     * Ping Redis and export {@code streamhub_redis_up} from startup ({@link RedisReachability}).
     * The router turns it off and starts the watch itself only in roles that use Redis.
     */
    @WithDefault("true")
    boolean watch();
}
