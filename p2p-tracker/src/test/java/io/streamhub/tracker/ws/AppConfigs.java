package io.streamhub.tracker.ws;

import io.streamhub.shared.StreamEvent;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.concurrent.TimeUnit;

/**
 * Writes app configs to the real Redis the way config-service does: the key, the app index (which
 * apps exist), then {@code config.changed}.
 */
final class AppConfigs {

    /** Every app these tests configured and did not delete: what config-service's index would list. */
    private static final java.util.Set<String> APPS = java.util.concurrent.ConcurrentHashMap.newKeySet();

    private AppConfigs() {
    }

    static void put(Redis redis, String app, boolean p2p, String... allowedOrigins) {
        JsonObject config = new JsonObject().put("app", app).put("distribution", new JsonObject()
                .put("mode", "p2p")
                .put("p2p", new JsonObject().put("enabled", p2p).put("allowed_origins", new JsonArray(java.util.List.of((Object[]) allowedOrigins)))));
        send(redis, Request.cmd(Command.SET).arg("sh:config:" + app).arg(config.encode()));
        index(redis, app, true);
        send(redis, Request.cmd(Command.PUBLISH).arg("sh:events")
                .arg(new StreamEvent(StreamEvent.CONFIG_CHANGED, app, null, null, "test").toJson()));
    }

    /** A P2P app whose rooms are split into {@code shards} swarms. */
    static void putSharded(Redis redis, String app, int shards) {
        JsonObject config = new JsonObject().put("app", app).put("distribution", new JsonObject().put("mode", "p2p")
                .put("p2p", new JsonObject().put("enabled", true).put("swarm_shards", shards)));
        send(redis, Request.cmd(Command.SET).arg("sh:config:" + app).arg(config.encode()));
        index(redis, app, true);
        send(redis, Request.cmd(Command.PUBLISH).arg("sh:events")
                .arg(new StreamEvent(StreamEvent.CONFIG_CHANGED, app, null, null, "test").toJson()));
    }

    /** Writes the config without publishing the event, as if the event were lost. */
    static void putSilently(Redis redis, String app, boolean p2p) {
        JsonObject config = new JsonObject().put("app", app).put("distribution", new JsonObject().put("mode", "p2p")
                .put("p2p", new JsonObject().put("enabled", p2p).put("allowed_origins", new JsonArray())));
        send(redis, Request.cmd(Command.SET).arg("sh:config:" + app).arg(config.encode()));
    }

    /** A config as a config-service of a later release might write it: a wire version this tracker does not know. */
    static void putNewerVersion(Redis redis, String app) {
        JsonObject config = new JsonObject().put("schema_version", 99).put("app", app).put("distribution", new JsonObject()
                .put("mode", "mesh-v2").put("p2p", new JsonObject().put("enabled", false)));
        send(redis, Request.cmd(Command.SET).arg("sh:config:" + app).arg(config.encode()));
        index(redis, app, true);
        send(redis, Request.cmd(Command.PUBLISH).arg("sh:events")
                .arg(new StreamEvent(StreamEvent.CONFIG_CHANGED, app, null, null, "test").toJson()));
    }

    /** Removes the app as config-service does: key and index entry, then the event. */
    static void delete(Redis redis, String app) {
        send(redis, Request.cmd(Command.DEL).arg("sh:config:" + app));
        index(redis, app, false);
        send(redis, Request.cmd(Command.PUBLISH).arg("sh:events")
                .arg(new StreamEvent(StreamEvent.CONFIG_CHANGED, app, null, null, "test").toJson()));
    }

    /** Redis loses everything (a restart without persistence): no event, nothing rewritten yet. */
    static void flushAll(Redis redis) {
        send(redis, Request.cmd(Command.FLUSHALL));
    }

    /** A config.changed for the app, as a reader gets it when another one rewrote or lost the key. */
    static void announce(Redis redis, String app) {
        send(redis, Request.cmd(Command.PUBLISH).arg("sh:events")
                .arg(new StreamEvent(StreamEvent.CONFIG_CHANGED, app, null, null, "test").toJson()));
    }

    private static void index(Redis redis, String app, boolean present) {
        if (present) {
            APPS.add(app);
        } else {
            APPS.remove(app);
        }
        send(redis, Request.cmd(Command.SET).arg("sh:apps").arg(new io.streamhub.shared.app.AppIndex("test", APPS).toJson()));
    }

    private static void send(Redis redis, Request request) {
        try {
            redis.send(request).toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
