package io.streamhub.redis;

import io.streamhub.shared.StreamEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import java.util.function.Consumer;

/**
 * The subscription to the {@code <prefix>events} channel every service keeps: a {@link ChannelSubscription}
 * whose payloads are {@link StreamEvent}s (others are ignored), moved to the new primary when the
 * {@link PrimaryWatch} reports a failover. Made by {@link EventSubscriptions}.
 */
public class EventSubscription {

    private final ChannelSubscription channel;
    private final PrimaryWatch watch;
    private final Runnable onSwitch;

    EventSubscription(Redis redis, Vertx vertx, String channelName, PrimaryWatch watch,
                      Consumer<StreamEvent> onEvent, Runnable onRestored) {
        this.channel = new ChannelSubscription(redis, vertx, channelName, payload -> {
            StreamEvent event = StreamEvent.fromJson(payload);
            if (event != null) {
                onEvent.accept(event);
            }
        }, onRestored);
        this.watch = watch;
        this.onSwitch = () -> channel.resubscribe("the primary changed");
    }

    public void start() {
        watch.addListener(onSwitch);
        channel.start();
    }

    public void stop() {
        watch.removeListener(onSwitch);
        channel.stop();
    }

    public boolean isSubscribed() {
        return channel.isSubscribed();
    }
}
