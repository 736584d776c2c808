package io.streamhub.egress.rooms;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.app.AppConfigFormatException;
import io.streamhub.shared.app.EffectiveAppConfig;
import io.streamhub.shared.app.LastReadConfigs;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Reads an app's HLS plan from the effective config config-service writes to {@code sh:config:<app>}.
 * Every mode distributes HLS (edge mode through regional edge routers), so an app needs egress
 * exactly while it has a config; a removed app's rooms lose theirs. A config this process cannot
 * read is not "no config" ({@link LastReadConfigs}): the last plan read for the app stays, and with
 * none the room is left as it is.
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
     * @throws AppConfigFormatException when the config is unreadable and no earlier plan is known: act on nothing
     */
    public Optional<EffectiveAppConfig.Hls> plan(String app) {
        return configs.read(app, redis.value(String.class).get(keys.config(app))).map(EffectiveAppConfig::hls);
    }
}
