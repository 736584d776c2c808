package io.streamhub.router.redis;

import io.streamhub.redis.RedisOps;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.LastReadConfigs;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few per-app settings the router needs from the effective config config-service writes to
 * {@code <prefix>config:<app>}: today the live playlist's {@code list_size}. Cached, invalidated by
 * {@code config.changed}, and the last known value survives Redis outages, a config key lost with
 * Redis's data, and configs this router cannot read (a newer wire format during a rolling upgrade);
 * with nothing known, the default applies ({@link LastReadConfigs}).
 */
@ApplicationScoped
public class AppSettings {

    static final long FRESH_MS = 10_000;
    static final int MAX_LIST_SIZE = 100;

    private record Known(int listSize, long fetchedAt) {
    }

    private final RedisOps redis;
    private final int defaultListSize;
    private final Map<String, Known> known = new ConcurrentHashMap<>();
    private final LastReadConfigs configs = new LastReadConfigs();

    public AppSettings(RedisOps redis, RouterConfig config) {
        this.redis = redis;
        this.defaultListSize = config.origin().defaultListSize();
    }

    public Future<Integer> listSize(String app) {
        Known k = known.get(app);
        long now = System.currentTimeMillis();
        if (k != null && now - k.fetchedAt < FRESH_MS) {
            return Future.succeededFuture(k.listSize);
        }
        int fallback = k != null ? k.listSize : defaultListSize;
        return redis.mget(redis.keys().config(app), redis.keys().appIndex()).map(values -> {
            int size = configs.read(app, values.get(0), values.get(1))
                    .map(c -> Math.min(Math.max(c.hls().listSize(), 1), MAX_LIST_SIZE)).orElse(defaultListSize);
            known.put(app, new Known(size, System.currentTimeMillis()));
            return size;
        }).recover(e -> Future.succeededFuture(fallback));
    }

    void onEvent(@Observes StreamEvent event) {
        if (StreamEvent.CONFIG_CHANGED.equals(event.type())) {
            if (event.app() == null) {
                markAllStale();
            } else {
                known.computeIfPresent(event.app(), (app, k) -> new Known(k.listSize, 0));
            }
        }
    }

    void onRestored(@Observes SubscriptionRestored restored) {
        markAllStale();
    }

    /** Stale, not forgotten: the old value is still the fallback if Redis fails on the refetch. */
    private void markAllStale() {
        known.replaceAll((app, k) -> new Known(k.listSize, 0));
    }
}
