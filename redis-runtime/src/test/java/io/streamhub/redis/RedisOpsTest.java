package io.streamhub.redis;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.shared.RedisKeys;
import io.streamhub.testsupport.RedisTestResource;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The breaker against a real Redis: it opens for a Redis that fails, not for this process's own full pool. */
class RedisOpsTest {

    static final Vertx VERTX = Vertx.vertx();

    @AfterAll
    static void close() {
        VERTX.close();
    }

    @Test
    void aBurstRefusedByTheLocalPoolFailsAloneAndLeavesTheBreakerClosed() throws Exception {
        // One connection, held by a 2-s BLPOP, and two waiters: the rest of a burst overflows the pool.
        Redis client = Redis.createClient(VERTX, new RedisOptions().setConnectionString(RedisTestResource.redis().url())
                .setMaxPoolSize(1).setMaxPoolWaiting(2));
        RedisOps ops = new RedisOps(client, VERTX, new RedisKeys("ops-test:"), Duration.ofSeconds(5));
        Future<Response> held = ops.send(Request.cmd(Command.BLPOP).arg("ops-test:never").arg(2));
        List<Future<String>> burst = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            burst.add(ops.get("ops-test:missing-" + i));
        }
        int tooBusy = 0;
        for (Future<String> f : burst.subList(2, burst.size())) {
            ExecutionException refused = assertThrows(ExecutionException.class, () -> f.toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS));
            assertInstanceOf(ConnectionPoolTooBusyException.class, refused.getCause(), "only the pool refuses");
            tooBusy++;
        }
        assertFalse(held.isComplete(), "nothing reached Redis and came back in the meantime");
        // With the breaker open the next command would fail with "backing off"; it goes to the pool instead.
        ExecutionException next = assertThrows(ExecutionException.class,
                () -> ops.get("ops-test:next").toCompletionStage().toCompletableFuture().get(1, TimeUnit.SECONDS));
        assertInstanceOf(ConnectionPoolTooBusyException.class, next.getCause(), tooBusy + " refusals did not open the breaker");
        held.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertNull(ops.get("ops-test:after").toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        client.close();
    }

    @Test
    void aRedisThatCannotBeReachedOpensTheBreaker() throws Exception {
        Redis client = Redis.createClient(VERTX, new RedisOptions().setConnectionString("redis://127.0.0.1:1"));
        RedisOps ops = new RedisOps(client, VERTX, new RedisKeys("ops-test:"), Duration.ofSeconds(2));
        Future<String> first = ops.get("ops-test:x");
        ExecutionException failed = assertThrows(
                ExecutionException.class, () -> first.toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertTrue(!(failed.getCause() instanceof ConnectionPoolTooBusyException), failed.getCause().toString());
        Future<String> second = ops.get("ops-test:x");
        assertTrue(second.failed(), "failed at once while the breaker is open");
        assertInstanceOf(RedisUnavailableException.class, second.cause());
        client.close();
    }
}
