package io.streamhub.redis;

import io.streamhub.shared.RedisKeys;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Redis commands with a deadline and a short circuit breaker. The data plane must never wait on a
 * sick Redis: after a failure, calls fail at once for {@link #BACKOFF_MS} while a probe keeps trying,
 * and callers fall back to what they last knew. Each service produces one as a CDI bean. A command
 * refused by this process's own connection pool (its wait queue full: a burst of requests here, not a
 * sick Redis) fails alone and does not open the breaker, or one flood would fail every other caller.
 */
public class RedisOps {

    static final long BACKOFF_MS = 1000;

    private final Redis redis;
    private final Vertx vertx;
    private final RedisKeys keys;
    private final long timeoutMs;

    private volatile long lastSuccess;
    private volatile long lastFailure;
    private volatile long openUntil;

    public RedisOps(Redis redis, Vertx vertx, RedisKeys keys, Duration timeout) {
        this.redis = redis;
        this.vertx = vertx;
        this.keys = keys;
        this.timeoutMs = timeout.toMillis();
    }

    public RedisKeys keys() {
        return keys;
    }

    /** Sends a command; fails fast while the breaker is open. A nil reply succeeds with {@code null}. */
    public Future<Response> send(Request request) {
        if (System.currentTimeMillis() < openUntil) {
            return Future.failedFuture(new RedisUnavailableException("redis unavailable (backing off)"));
        }
        return sendNow(request);
    }

    /** Sends regardless of the breaker: for the health probe that closes it again. */
    public Future<Response> sendNow(Request request) {
        Promise<Response> promise = Promise.promise();
        long timer = vertx.setTimer(timeoutMs, id -> promise.tryFail(new TimeoutException("redis command timed out after " + timeoutMs + " ms")));
        redis.send(request).onComplete(ar -> {
            vertx.cancelTimer(timer);
            if (ar.succeeded()) {
                promise.tryComplete(ar.result());
            } else {
                promise.tryFail(ar.cause());
            }
        });
        return promise.future().onComplete(ar -> {
            if (ar.succeeded()) {
                lastSuccess = System.currentTimeMillis();
                openUntil = 0;
            } else if (!(ar.cause() instanceof ConnectionPoolTooBusyException)) {
                lastFailure = System.currentTimeMillis();
                openUntil = lastFailure + BACKOFF_MS;
            }
        });
    }

    public Future<String> get(String key) {
        return send(Request.cmd(Command.GET).arg(key)).map(r -> r == null ? null : r.toString());
    }

    /** The values of {@code keys}, in order, {@code null} for a missing one. */
    public Future<List<String>> mget(String... keys) {
        Request r = Request.cmd(Command.MGET);
        Arrays.stream(keys).forEach(r::arg);
        return send(r).map(values -> IntStream.range(0, keys.length)
                .mapToObj(i -> values == null || values.get(i) == null ? null : values.get(i).toString()).toList());
    }

    /** Every field of a hash; empty when the key is missing. */
    public Future<Map<String, String>> hgetall(String key) {
        return send(Request.cmd(Command.HGETALL).arg(key)).map(r -> {
            Map<String, String> out = new HashMap<>();
            if (r != null) {
                r.getKeys().forEach(field -> out.put(field, r.get(field).toString()));
            }
            return out;
        });
    }

    public Future<Long> publish(String channel, String message) {
        return send(Request.cmd(Command.PUBLISH).arg(channel).arg(message)).map(Response::toLong);
    }

    /** Runs a Lua script with keys then args; returns its integer reply. */
    public Future<Long> evalLong(String script, String[] scriptKeys, String... args) {
        Request req = Request.cmd(Command.EVAL).arg(script).arg(scriptKeys.length);
        Stream.of(scriptKeys, args).flatMap(Arrays::stream).forEach(req::arg);
        return send(req).map(r -> r == null ? 0L : r.toLong());
    }

    public Future<Response> ping() {
        return sendNow(Request.cmd(Command.PING));
    }

    /** True when the last command succeeded. */
    public boolean isUp() {
        return lastSuccess > 0 && lastSuccess >= lastFailure;
    }

    public long lastSuccessMillis() {
        return lastSuccess;
    }
}
