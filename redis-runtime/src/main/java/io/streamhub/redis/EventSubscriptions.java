package io.streamhub.redis;

import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.StreamEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.function.Consumer;

/**
 * Makes the {@link EventSubscription}s of a service: on the events channel under our prefix, through
 * the service's Redis client, moved by the one {@link PrimaryWatch} the service keeps (a Sentinel
 * watch when {@code quarkus.redis.client-type=sentinel}). Produced by {@link RedisBeans}.
 */
public class EventSubscriptions {

    private final Redis redis;
    private final Vertx vertx;
    private final RedisKeys keys;
    private final PrimaryWatch watch;

    EventSubscriptions(Redis redis, Vertx vertx, RedisKeys keys, PrimaryWatch watch) {
        this.redis = redis;
        this.vertx = vertx;
        this.keys = keys;
        this.watch = watch;
    }

    /** A subscription (not started) calling {@code onEvent} per event and {@code onRestored} on every (re)subscription. */
    public EventSubscription create(Consumer<StreamEvent> onEvent, Runnable onRestored) {
        return new EventSubscription(redis, vertx, keys.events(), watch, onEvent, onRestored);
    }

    void stop() {
        watch.stop();
    }
}
