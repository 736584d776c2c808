package io.streamhub.router.redis;

import io.streamhub.redis.EventSubscription;
import io.streamhub.redis.EventSubscriptions;
import io.streamhub.router.source.Duty;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.StreamEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;

/** Bridges the Redis {@code <prefix>events} channel to CDI events, in the roles that use Redis. */
@ApplicationScoped
@Tier(Tier.Kind.REDIS)
public class EventBridge implements Duty {

    private final EventSubscription subscription;

    public EventBridge(EventSubscriptions subscriptions, Event<StreamEvent> events, Event<SubscriptionRestored> restored) {
        this.subscription = subscriptions.create(events::fire,
                () -> restored.fire(new SubscriptionRestored(System.currentTimeMillis())));
    }

    @Override
    public void start() {
        subscription.start();
    }

    @Override
    public void stop() {
        subscription.stop();
    }

    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }
}
