package io.streamhub.tracker.policy;

import io.streamhub.redis.RedisOps;
import io.streamhub.shared.app.AppConfigUnavailableException;
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
 * tracker cannot read (a newer wire format during a rolling upgrade) and config keys lost with Redis's
 * data: only an app index without the app makes it unknown ({@code LastReadConfigs}). With nothing
 * known, the app is refused as "config unavailable", never as unknown or disabled.
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
        return redis.mget(redis.keys().config(app), redis.keys().appIndex()).map(values -> {
            AppPolicy policy = policyOf(app, values.get(0), values.get(1));
            known.put(app, new Known(policy, System.currentTimeMillis()));
            return policy;
        }).recover(e -> {
            // Missing or unreadable with nothing read before: "unavailable, retry", never an old "unknown app".
            Known k = e instanceof AppConfigUnavailableException ? null : known.get(app);
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
            List<String> keys = new ArrayList<>(found);
            keys.add(redis.keys().appIndex());
            return redis.mget(keys.toArray(String[]::new)).map(values -> {
                long now = System.currentTimeMillis();
                String index = values.get(found.size());
                for (int i = 0; i < found.size(); i++) {
                    String app = found.get(i).substring(prefix.length());
                    try {
                        known.put(app, new Known(policyOf(app, values.get(i), index), now));
                    } catch (AppConfigUnavailableException e) {
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

    /** @throws AppConfigUnavailableException when the config is missing (not removed) or unreadable, and none was read before */
    private AppPolicy policyOf(String app, String json, String index) {
        return configs.read(app, json, index).map(AppPolicy::of).orElse(AppPolicy.UNKNOWN);
    }
}
