package io.streamhub.router.redis;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.redis.EventSubscription;
import io.streamhub.redis.EventSubscriptions;
import io.streamhub.redis.RedisOps;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.StreamEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/** Bridges the Redis {@code <prefix>events} channel to CDI events, and publishes ours. */
@ApplicationScoped
public class EventBridge {

    private static final Logger LOG = Logger.getLogger(EventBridge.class);

    private final RedisOps ops;
    private final EventSubscription subscription;
    private final boolean enabled;

    public EventBridge(EventSubscriptions subscriptions, RedisOps ops, Event<StreamEvent> events,
                       Event<SubscriptionRestored> restored, RouterConfig config) {
        this.ops = ops;
        this.enabled = config.role().usesRedis();
        this.subscription = subscriptions.create(events::fire,
                () -> restored.fire(new SubscriptionRestored(System.currentTimeMillis())));
    }

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            subscription.start();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        subscription.stop();
    }

    public boolean isSubscribed() {
        return subscription.isSubscribed();
    }

    /** Publishes an event; failures are logged, never thrown: events only speed up invalidation. */
    public void publish(StreamEvent event) {
        ops.publish(ops.keys().events(), event.toJson())
                .onFailure(e -> LOG.debugf("event %s not published: %s", event.type(), e.getMessage()));
    }
}
