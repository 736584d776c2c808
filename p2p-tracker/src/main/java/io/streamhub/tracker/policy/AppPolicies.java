package io.streamhub.tracker.policy;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.RedisOps;
import io.streamhub.redis.state.AppConfigReader;
import io.streamhub.redis.state.AppConfigReader.Freshness;
import io.streamhub.redis.state.PublishedApps;
import io.streamhub.shared.app.AppConfigUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * Per-app policies, read through {@link AppConfigReader}. A cached policy is used at once, even when
 * older than 10 s, while one read refreshes it: announces never wait on Redis. Only the first sight of
 * an app (at the WebSocket upgrade) waits for Redis, and if Redis is down then the app is refused until
 * it is back. With nothing known, the app is refused as "config unavailable", never as unknown or
 * disabled; only a removed app is {@link AppPolicy#UNKNOWN}. {@link KillSwitch} re-reads on events.
 */
@Singleton
public class AppPolicies {

    static final Freshness FRESHNESS = new Freshness(Duration.ofSeconds(10), true);

    private final AppConfigReader<AppPolicy> reader;
    private final RedisOps redis;
    private final RedisDataSource data;
    private final Vertx vertx;

    public AppPolicies(RedisOps redis, RedisDataSource data, Vertx vertx) {
        this.reader = new AppConfigReader<>(redis, FRESHNESS, c -> c.map(AppPolicy::of).orElse(AppPolicy.UNKNOWN));
        this.redis = redis;
        this.data = data;
        this.vertx = vertx;
    }

    /** The cached policy (refreshing it in the background when stale), or {@code null} if never seen. */
    public AppPolicy cached(String app) {
        return reader.cached(app);
    }

    /**
     * The policy, read if not cached; fails only when it was never known and Redis cannot say
     * ({@link AppConfigUnavailableException} when Redis answers but nothing can be decided).
     */
    public Future<AppPolicy> get(String app) {
        return reader.get(app);
    }

    /** Reads the policy from Redis now; on failure keeps (and returns) what was last known. */
    public Future<AppPolicy> fetch(String app) {
        return reader.read(app);
    }

    /**
     * Loads every published app's policy, so that a crowd arriving right after a restart finds its app
     * known instead of queueing on Redis. Resolves to the number of apps loaded.
     */
    public Future<Integer> loadAll() {
        return vertx.executeBlocking(() -> PublishedApps.names(data, redis.keys()), false).compose(reader::loadAll);
    }
}
