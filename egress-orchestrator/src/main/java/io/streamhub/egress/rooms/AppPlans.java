package io.streamhub.egress.rooms;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.app.AppConfigUnavailableException;
import io.streamhub.shared.app.LastReadConfigs;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads an app's HLS plan from the effective config config-service writes to {@code sh:config:<app>}.
 * Every mode distributes HLS (edge mode through regional edge routers), so an app needs egress
 * exactly while it has a config; a removed app's rooms lose theirs. A config this process cannot
 * read, or a key Redis lost, is not "no config" ({@link LastReadConfigs}): the last plan read for the
 * app stays, and with none the room is left as it is. Only the app index says an app was removed.
 */
@Singleton
public class AppPlans {

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final LastReadConfigs configs = new LastReadConfigs();

    public AppPlans(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /**
     * The plan, or empty when the app has no config (unknown or removed).
     *
     * @throws AppConfigUnavailableException when the config is missing (but not removed) or unreadable, and no
     *         earlier plan is known: act on nothing
     */
    public Optional<EgressPlan> plan(String app) {
        var values = redis.value(String.class).mget(keys.config(app), keys.appIndex());
        return configs.read(app, values.get(keys.config(app)), values.get(keys.appIndex())).map(EgressPlan::of);
    }
}
