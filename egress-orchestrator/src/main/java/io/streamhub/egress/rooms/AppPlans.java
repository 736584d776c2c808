package io.streamhub.egress.rooms;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.shared.RedisKeys;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Reads an app's HLS plan from the effective config config-service writes to {@code sh:config:<app>}.
 * Every mode distributes HLS (edge mode through regional edge routers), so an app needs egress
 * exactly while it has a config; a removed app's rooms lose theirs.
 */
@Singleton
public class AppPlans {

    private static final Logger LOG = Logger.getLogger(AppPlans.class);

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public AppPlans(RedisDataSource redis, OrchestratorConfig config) {
        this.redis = redis;
        this.keys = new RedisKeys(config.redis().prefix());
    }

    /** The plan, or empty when the app has no config (unknown or removed). */
    public Optional<HlsPlan> plan(String app) {
        return parse(app, redis.value(String.class).get(keys.config(app)));
    }

    static Optional<HlsPlan> parse(String app, String json) {
        if (json == null) {
            return Optional.empty();
        }
        try {
            JsonObject hls = new JsonObject(json).getJsonObject("distribution", new JsonObject()).getJsonObject("hls", new JsonObject());
            int seconds = hls.getInteger("segment_seconds", 6);
            JsonArray r = hls.getJsonArray("renditions", new JsonArray().add("720p"));
            List<String> renditions = r.stream().map(String::valueOf).toList();
            boolean track = "track_composite".equals(hls.getString("egress", "room_composite"));
            return Optional.of(new HlsPlan(seconds, renditions.isEmpty() ? List.of("720p") : renditions, track));
        } catch (RuntimeException e) {
            LOG.warnf("config of app %s is not readable (%s); treating it as absent", app, e.getMessage());
            return Optional.empty();
        }
    }
}
