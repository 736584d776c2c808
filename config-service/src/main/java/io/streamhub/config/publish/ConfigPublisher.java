package io.streamhub.config.publish;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.state.PublishedApps;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.AppConfigJson;
import io.streamhub.shared.app.AppIndex;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Writes the effective configs, the app index and their revision to Redis in one transaction
 * (readers never see half a change), then announces each app that changed with
 * {@code config.changed}, so other services never need config-service to be up.
 * <p>
 * Level-triggered: {@link #ensure} runs on every poll that changes nothing and rewrites whatever
 * Redis no longer holds as it should (a restart without persistence, a {@code FLUSHALL}, a hand
 * edit), so the published state heals within one poll, not on the next commit.
 * <p>
 * The one writer of the config keys (with {@link LastGoodConfig}, which reads back what was published):
 * every other reader goes through redis-runtime's {@code AppConfigReader}.
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
        after.forEach((app, config) -> {
            if (!config.equals(before.get(app))) {
                changed.add(app);
            }
        });
        Set<String> removed = new HashSet<>(before.keySet());
        removed.removeAll(after.keySet());
        changed.addAll(removed);
        write(expected(after, revision), removed);
        announce(changed, revision);
        return changed;
    }

    /**
     * Makes Redis hold exactly what {@code live} at {@code revision} publishes: rewrites missing or
     * different keys, deletes configs of apps that are not live, and announces each app it repaired.
     * Returns the repaired apps (empty when Redis was in order, the usual case: one {@code MGET} and
     * one {@code SCAN}).
     */
    public Set<String> ensure(Map<String, EffectiveAppConfig> live, String revision) {
        Map<String, String> expected = expected(live, revision);
        List<String> names = new ArrayList<>(expected.keySet());
        Map<String, String> actual = redis.value(String.class).mget(names.toArray(String[]::new));
        Map<String, String> wrong = new LinkedHashMap<>();
        for (String key : names) {
            if (!Objects.equals(expected.get(key), actual.get(key))) {
                wrong.put(key, expected.get(key));
            }
        }
        Set<String> stale = new HashSet<>(PublishedApps.names(redis, keys));
        stale.removeAll(live.keySet());
        if (wrong.isEmpty() && stale.isEmpty()) {
            return Set.of();
        }
        Set<String> repaired = new HashSet<>(stale);
        live.keySet().stream().filter(app -> wrong.containsKey(keys.config(app))).forEach(repaired::add);
        write(wrong, stale);
        announce(repaired, revision);
        return repaired;
    }

    /** Every key the live config publishes, and its value. */
    private Map<String, String> expected(Map<String, EffectiveAppConfig> apps, String revision) {
        Map<String, String> out = new HashMap<>();
        apps.forEach((app, config) -> out.put(keys.config(app), AppConfigJson.write(config)));
        out.put(keys.appIndex(), new AppIndex(revision, apps.keySet()).toJson());
        out.put(keys.configRevision(), revision);
        return out;
    }

    private void write(Map<String, String> values, Set<String> removedApps) {
        redis.withTransaction(tx -> {
            values.forEach((key, value) -> tx.value(String.class).set(key, value));
            removedApps.forEach(app -> tx.key().del(keys.config(app)));
        });
    }

    private void announce(Set<String> apps, String revision) {
        apps.forEach(app -> redis.pubsub(String.class).publish(keys.events(),
                new StreamEvent(StreamEvent.CONFIG_CHANGED, app, null, null, revision).toJson()));
    }
}
