package io.streamhub.tracker.policy;

import io.streamhub.shared.redis.RedisOps;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Per-app policies read from {@code <prefix>config:<app>} and cached. A cached policy is used at
 * once, even when stale, while a refresh runs in the background: announces never wait on Redis. Only
 * the first sight of an app (at the WebSocket upgrade) waits for Redis, and if Redis is down then
 * the app is refused until it is back. The last known policy survives Redis outages.
 */
@ApplicationScoped
public class AppPolicies {

    private static final Logger LOG = Logger.getLogger(AppPolicies.class);
    static final long FRESH_MS = 10_000;

    private record Known(AppPolicy policy, long fetchedAt) {
    }

    private final RedisOps redis;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final Set<String> refreshing = ConcurrentHashMap.newKeySet();

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

    /** Reads the policy from Redis now; on failure keeps (and returns) what was last known. */
    public Future<AppPolicy> fetch(String app) {
        return redis.get(redis.keys().config(app)).map(json -> {
            AppPolicy policy = parse(app, json);
            known.put(app, new Known(policy, System.currentTimeMillis()));
            return policy;
        }).recover(e -> {
            Known k = known.get(app);
            return k != null ? Future.succeededFuture(k.policy) : Future.failedFuture(e);
        });
    }

    /** Apps seen so far (for re-checking after a lost subscription). */
    public Set<String> apps() {
        return known.keySet();
    }

    private void refresh(String app) {
        if (refreshing.add(app)) {
            fetch(app).onComplete(ar -> refreshing.remove(app));
        }
    }

    private static AppPolicy parse(String app, String json) {
        try {
            return AppPolicy.fromConfigJson(json);
        } catch (RuntimeException e) {
            // config-service validates what it writes; a corrupt value is treated as P2P off, loudly.
            LOG.warnf("config of app %s is not valid JSON; P2P off for it: %s", app, e.getMessage());
            return new AppPolicy(true, false, java.util.List.of());
        }
    }
}
