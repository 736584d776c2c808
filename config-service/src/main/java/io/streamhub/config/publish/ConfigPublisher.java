package io.streamhub.config.publish;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Writes the effective configs and their revision to Redis in one transaction (readers never see
 * half a change), then announces each app that changed with {@code config.changed}, so other
 * services never need config-service to be up.
 */
@ApplicationScoped
public class ConfigPublisher {

    private final RedisDataSource redis;
    private final RedisKeys keys;

    public ConfigPublisher(RedisDataSource redis, RedisKeys keys) {
        this.redis = redis;
        this.keys = keys;
    }

    /** Returns the apps whose effective config changed (added, edited or removed). */
    public Set<String> publish(Map<String, EffectiveAppConfig> before, Map<String, EffectiveAppConfig> after, String revision) {
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, EffectiveAppConfig> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        Set<String> removed = new HashSet<>(before.keySet());
        removed.removeAll(after.keySet());
        changed.addAll(removed);

        redis.withTransaction(tx -> {
            for (Map.Entry<String, EffectiveAppConfig> e : after.entrySet()) {
                tx.value(String.class).set(keys.config(e.getKey()), AppConfigJson.write(e.getValue()));
            }
            for (String app : removed) {
                tx.key().del(keys.config(app));
            }
            tx.value(String.class).set(keys.configRevision(), revision);
        });
        for (String app : changed) {
            redis.pubsub(String.class).publish(keys.events(),
                    new StreamEvent(StreamEvent.CONFIG_CHANGED, app, null, null, revision).toJson());
        }
        return changed;
    }
}
