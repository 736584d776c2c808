package io.streamhub.egress.rooms;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.app.AppConfigFormatException;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Reads an app's HLS plan from the effective config config-service writes to {@code sh:config:<app>}.
 * Every mode distributes HLS (edge mode through regional edge routers), so an app needs egress
 * exactly while it has a config; a removed app's rooms lose theirs. A config this process cannot
 * read (a newer wire format during a rolling upgrade) is not "no config": the last plan read for
 * the app stays, and with none the room is left as it is (see {@link #plan}).
 */
@Singleton
public class AppPlans {

    private static final Logger LOG = Logger.getLogger(AppPlans.class);

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final Map<String, EffectiveAppConfig.Hls> lastRead = new ConcurrentHashMap<>();
    private final Map<String, String> unreadable = new ConcurrentHashMap<>();

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
        String json = redis.value(String.class).get(keys.config(app));
        if (json == null) {
            lastRead.remove(app);
            return Optional.empty();
        }
        try {
            EffectiveAppConfig.Hls hls = AppConfigJson.read(json).hls();
            lastRead.put(app, hls);
            unreadable.remove(app);
            return Optional.of(hls);
        } catch (AppConfigFormatException e) {
            EffectiveAppConfig.Hls last = lastRead.get(app);
            if (!e.getMessage().equals(unreadable.put(app, e.getMessage()))) {
                LOG.warnf("config of app %s is not readable (%s); %s", app, e.getMessage(),
                        last == null ? "its rooms are left as they are" : "keeping the plan last read");
            }
            if (last == null) {
                throw e;
            }
            return Optional.of(last);
        }
    }
}
