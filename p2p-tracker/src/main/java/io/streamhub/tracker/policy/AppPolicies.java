package io.streamhub.tracker.policy;

import io.streamhub.redis.RedisOps;
import io.streamhub.shared.app.AppConfigFormatException;
import io.streamhub.shared.app.LastReadConfigs;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-app policies read from {@code <prefix>config:<app>} and cached. A cached policy is used at
 * once, even when stale, while a refresh runs in the background: announces never wait on Redis. Only
 * the first sight of an app (at the WebSocket upgrade) waits for Redis, and if Redis is down then
 * the app is refused until it is back. The last known policy survives Redis outages and configs this
 * tracker cannot read (a newer wire format during a rolling upgrade): with none, the app is refused as
 * "config unavailable", never as unknown or disabled.
 */
@Singleton
public class AppPolicies {

    static final long FRESH_MS = 10_000;

    private record Known(AppPolicy policy, long fetchedAt) {
    }

    private final RedisOps redis;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Map<String, Future<AppPolicy>> inflight = new ConcurrentHashMap<>();
    private final LastReadConfigs configs = new LastReadConfigs();

    public AppPolicies(RedisOps redis) {
        this.redis = redis;
    }

    /** The cached policy (refreshing it in the background when stale), or {@code null} if never seen. */
    public AppPolicy cached(String app, long now) {
        Known k = known.get(app);
        if (k == null) {
            return null;
        }
        if (now - k.fetchedAt >= FRESH_MS) {
            refresh(app);
        }
        return k.policy;
    }

    /** The policy, fetched if not cached; fails only when it was never known and Redis cannot say. */
    public Future<AppPolicy> get(String app, long now) {
        AppPolicy cached = cached(app, now);
        return cached != null ? Future.succeededFuture(cached) : fetch(app);
    }

    /**
     * Reads the policy from Redis now; on failure keeps (and returns) what was last known. Concurrent
     * callers share one read: a thousand viewers arriving at once for a new app cost one GET.
     */
    public Future<AppPolicy> fetch(String app) {
        Future<AppPolicy> running = inflight.get(app);
        if (running != null) {
            return running;
        }
        Promise<AppPolicy> promise = Promise.promise();
        running = inflight.putIfAbsent(app, promise.future());
        if (running != null) {
            return running;
        }
        read(app).onComplete(ar -> {
            inflight.remove(app, promise.future());
            promise.handle(ar);
        });
        return promise.future();
    }

    private Future<AppPolicy> read(String app) {
        return redis.get(redis.keys().config(app)).map(json -> {
            AppPolicy policy = policyOf(app, json);
            known.put(app, new Known(policy, System.currentTimeMillis()));
            return policy;
        }).recover(e -> {
            // Unreadable with nothing read before: "unavailable, retry", never an old "unknown app".
            Known k = e instanceof AppConfigFormatException ? null : known.get(app);
            return k != null ? Future.succeededFuture(k.policy) : Future.failedFuture(e);
        });
    }

    /**
     * Loads every app's policy ({@code SCAN} over the config keys, then {@code MGET}), so that a crowd
     * arriving right after a restart finds its app known instead of queueing on Redis. Resolves to
     * the number of apps loaded.
     */
    public Future<Integer> loadAll() {
        String prefix = redis.keys().config("");
        List<String> found = new ArrayList<>();
        return scan("0", prefix + "*", found).compose(done -> {
            found.remove(redis.keys().configRevision());
            if (found.isEmpty()) {
                return Future.succeededFuture(0);
            }
            Request mget = Request.cmd(Command.MGET);
            found.forEach(mget::arg);
            return redis.send(mget).map(values -> {
                long now = System.currentTimeMillis();
                for (int i = 0; i < found.size(); i++) {
                    Response v = values.get(i);
                    String app = found.get(i).substring(prefix.length());
                    try {
                        known.put(app, new Known(policyOf(app, v == null ? null : v.toString()), now));
                    } catch (AppConfigFormatException e) {
                        // said in the log; the app is asked for again when a viewer arrives
                    }
                }
                return found.size();
            });
        });
    }

    private Future<Void> scan(String cursor, String pattern, List<String> found) {
        return redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg(pattern).arg("COUNT").arg(1000))
                .compose(r -> {
                    for (Response key : r.get(1)) {
                        found.add(key.toString());
                    }
                    String next = r.get(0).toString();
                    return "0".equals(next) ? Future.succeededFuture() : scan(next, pattern, found);
                });
    }

    private void refresh(String app) {
        fetch(app);
    }

    /** @throws AppConfigFormatException when the config cannot be read and none was read before */
    private AppPolicy policyOf(String app, String json) {
        return configs.read(app, json).map(AppPolicy::of).orElse(AppPolicy.UNKNOWN);
    }
}
