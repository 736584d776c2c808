package io.streamhub.redis.state;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.runtime.datasource.BlockingRedisDataSourceImpl;
import io.streamhub.redis.RedisOps;
import io.streamhub.shared.RedisKeys;
import io.streamhub.testsupport.RedisTestResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The JVM's real Redis (test-support's), reached both ways the services do: non-blocking {@link RedisOps} and the blocking data source. */
final class StateRedis {

    static final RedisKeys KEYS = new RedisKeys("state-test:");
    static final Vertx VERTX = Vertx.vertx();
    static final Redis CLIENT = client();
    static final RedisOps OPS = ops(CLIENT);
    static final RedisDataSource DATA = new BlockingRedisDataSourceImpl(io.vertx.mutiny.core.Vertx.newInstance(VERTX),
            io.vertx.mutiny.redis.client.Redis.newInstance(CLIENT),
            io.vertx.mutiny.redis.client.RedisAPI.api(io.vertx.mutiny.redis.client.Redis.newInstance(CLIENT)), Duration.ofSeconds(2));

    private StateRedis() {
    }

    static Redis client() {
        return Redis.createClient(VERTX, new RedisOptions().setConnectionString(RedisTestResource.redis().url()));
    }

    static RedisOps ops(Redis client) {
        return new RedisOps(client, VERTX, KEYS, Duration.ofMillis(500));
    }

    static <T> T await(Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    /** A raw command on the server, bypassing the owners: how a test sets up or inspects state. */
    static String command(String... args) throws Exception {
        return RedisTestResource.redis().command(args);
    }
}
