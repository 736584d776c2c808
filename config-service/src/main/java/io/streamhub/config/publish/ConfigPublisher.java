package io.streamhub.config.publish;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.config.ServiceConfig;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.StreamEvent;
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

    public ConfigPublisher(RedisDataSource redis, ServiceConfig config) {
        this.redis = redis;
        this.keys = new RedisKeys(config.redisPrefix());
    }

    /** Returns the apps whose effective config changed (added, edited or removed). */
    public Set<String> publish(Map<String, ObjectNode> before, Map<String, ObjectNode> after, String revision) {
        Set<String> changed = new HashSet<>();
        for (Map.Entry<String, ObjectNode> e : after.entrySet()) {
            if (!e.getValue().equals(before.get(e.getKey()))) {
                changed.add(e.getKey());
            }
        }
        Set<String> removed = new HashSet<>(before.keySet());
        removed.removeAll(after.keySet());
        changed.addAll(removed);

        redis.withTransaction(tx -> {
            for (Map.Entry<String, ObjectNode> e : after.entrySet()) {
                tx.value(String.class).set(keys.config(e.getKey()), e.getValue().toString());
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
