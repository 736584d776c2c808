package io.streamhub.router.redis;

import io.streamhub.redis.RedisOps;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.streamhub.shared.app.EffectiveAppConfig.Mode;
import io.streamhub.shared.app.LastReadConfigs;
import io.vertx.core.Future;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The few per-app settings the router needs from the effective config config-service writes to
 * {@code <prefix>config:<app>}: the live playlist's {@code list_size}, the VOD retention and the
 * distribution mode (a label of the per-room byte counts). Cached, invalidated by
 * {@code config.changed}, and the last known value survives Redis outages, a config key lost with
 * Redis's data, and configs this router cannot read (a newer wire format during a rolling upgrade);
 * with nothing known, the default applies ({@link LastReadConfigs}).
 */
@ApplicationScoped
public class AppSettings {

    static final long FRESH_MS = 10_000;
    static final int MAX_LIST_SIZE = 100;
    public static final long UNKNOWN = -1;

    /**
     * @param vodRetentionMillis 0 when the app keeps no VOD
     * @param mode               {@code null} when no config of the app could be read
     */
    private record Known(int listSize, long vodRetentionMillis, Mode mode, long fetchedAt) {
        Known stale() {
            return new Known(listSize, vodRetentionMillis, mode, 0);
        }
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
        return settings(app).map(Known::listSize);
    }

    /**
     * How long an ended session's recording stays playable, in millis; 0 when the app keeps no VOD;
     * {@link #UNKNOWN} when no config of the app could be read yet (Redis down since start): not "no VOD".
     */
    public Future<Long> vodRetentionMillis(String app) {
        return settings(app).map(Known::vodRetentionMillis);
    }

    /** The app's distribution mode, or {@code null} when no config of the app could be read (never a failure). */
    public Future<Mode> mode(String app) {
        return settings(app).map(Known::mode);
    }

    private Future<Known> settings(String app) {
        Known k = known.get(app);
        long now = System.currentTimeMillis();
        if (k != null && now - k.fetchedAt < FRESH_MS) {
            return Future.succeededFuture(k);
        }
        Known fallback = k != null ? k : new Known(defaultListSize, UNKNOWN, null, 0);
        return redis.mget(redis.keys().config(app), redis.keys().appIndex()).map(values -> {
            var config = configs.read(app, values.get(0), values.get(1));
            int size = config.map(c -> Math.min(Math.max(c.hls().listSize(), 1), MAX_LIST_SIZE)).orElse(defaultListSize);
            long vod = config.map(c -> c.vod().retentionSeconds() * 1000).orElse(UNKNOWN);
            Mode mode = config.map(EffectiveAppConfig::mode).orElse(null);
            Known fresh = new Known(size, vod, mode, System.currentTimeMillis());
            known.put(app, fresh);
            return fresh;
        }).recover(e -> Future.succeededFuture(fallback));
    }

    void onEvent(@Observes StreamEvent event) {
        if (StreamEvent.CONFIG_CHANGED.equals(event.type())) {
            if (event.app() == null) {
                markAllStale();
            } else {
                known.computeIfPresent(event.app(), (app, k) -> k.stale());
            }
        }
    }

    void onRestored(@Observes SubscriptionRestored restored) {
        markAllStale();
    }

    /** Stale, not forgotten: the old value is still the fallback if Redis fails on the refetch. */
    private void markAllStale() {
        known.replaceAll((app, k) -> k.stale());
    }
}
