package io.streamhub.router.redis;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.StreamEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

/**
 * Bridges the Redis {@code <prefix>events} channel to CDI events, and publishes ours. The
 * subscription is a dedicated connection that is re-established (every second) after Redis goes
 * away, because Redis forgets subscribers with their connection.
 */
@ApplicationScoped
public class EventBridge {

    private static final Logger LOG = Logger.getLogger(EventBridge.class);
    private static final long RETRY_MS = 1000;

    private final Redis redis;
    private final Vertx vertx;
    private final RedisOps ops;
    private final Event<StreamEvent> events;
    private final Event<SubscriptionRestored> restored;
    private final boolean enabled;

    private volatile RedisConnection connection;
    private volatile boolean stopped;
    private volatile boolean wasDown;

    public EventBridge(Redis redis, Vertx vertx, RedisOps ops, Event<StreamEvent> events,
                       Event<SubscriptionRestored> restored, RouterConfig config) {
        this.redis = redis;
        this.vertx = vertx;
        this.ops = ops;
        this.events = events;
        this.restored = restored;
        this.enabled = config.role().usesRedis();
    }

    void start(@Observes StartupEvent ev) {
        if (enabled) {
            connect();
        }
    }

    void stop(@Observes ShutdownEvent ev) {
        stopped = true;
        RedisConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    public boolean isSubscribed() {
        return connection != null;
    }

    /** Publishes an event; failures are logged, never thrown: events only speed up invalidation. */
    public void publish(StreamEvent event) {
        ops.publish(ops.keys().events(), event.toJson())
                .onFailure(e -> LOG.debugf("event %s not published: %s", event.type(), e.getMessage()));
    }

    private void connect() {
        if (stopped) {
            return;
        }
        redis.connect().onSuccess(conn -> {
            conn.handler(this::onMessage);
            conn.exceptionHandler(e -> lost(conn, e.getMessage()));
            conn.endHandler(v -> lost(conn, "connection closed"));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(ops.keys().events())).onSuccess(r -> {
                connection = conn;
                if (wasDown) {
                    LOG.info("events subscription restored");
                }
                wasDown = false;
                restored.fire(new SubscriptionRestored(System.currentTimeMillis()));
            }).onFailure(e -> lost(conn, e.getMessage()));
        }).onFailure(e -> retry(e.getMessage()));
    }

    private void lost(RedisConnection conn, String why) {
        if (connection == conn || connection == null) {
            connection = null;
            conn.close();
            retry(why);
        }
    }

    private void retry(String why) {
        if (stopped) {
            return;
        }
        if (!wasDown) {
            LOG.warnf("events subscription down (%s); retrying every %d ms", why, RETRY_MS);
            wasDown = true;
        }
        vertx.setTimer(RETRY_MS, id -> {
            if (connection == null) {
                connect();
            }
        });
    }

    /** Push messages: {@code ["message", channel, payload]} (RESP2) or a push type (RESP3). */
    private void onMessage(Response msg) {
        if (msg == null || msg.size() < 3) {
            return;
        }
        if (msg.type() != ResponseType.PUSH && msg.type() != ResponseType.MULTI) {
            return;
        }
        if (!"message".equals(msg.get(0).toString())) {
            return;
        }
        StreamEvent event = StreamEvent.fromJson(msg.get(2).toString());
        if (event != null) {
            events.fire(event);
        }
    }
}
