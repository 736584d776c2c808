package io.streamhub.redis;

import io.streamhub.shared.StreamEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * A resilient subscription to the {@code <prefix>events} channel. It is a dedicated connection that
 * is re-established every second after Redis goes away, because Redis forgets subscribers with their
 * connection; {@code onRestored} runs on every (re)subscription, since events published while it
 * was down are lost and listeners must treat what they cached as possibly stale.
 */
public class EventSubscription {

    private static final Logger LOG = Logger.getLogger(EventSubscription.class);
    private static final long RETRY_MS = 1000;

    private final Redis redis;
    private final Vertx vertx;
    private final String channel;
    private final Consumer<StreamEvent> onEvent;
    private final Runnable onRestored;

    private volatile RedisConnection connection;
    private volatile boolean stopped;
    private volatile boolean wasDown;

    public EventSubscription(Redis redis, Vertx vertx, String channel, Consumer<StreamEvent> onEvent, Runnable onRestored) {
        this.redis = redis;
        this.vertx = vertx;
        this.channel = channel;
        this.onEvent = onEvent;
        this.onRestored = onRestored;
    }

    public void start() {
        stopped = false;
        connect();
    }

    public void stop() {
        stopped = true;
        RedisConnection c = connection;
        connection = null;
        if (c != null) {
            c.close();
        }
    }

    public boolean isSubscribed() {
        return connection != null;
    }

    private void connect() {
        if (stopped) {
            return;
        }
        redis.connect().onSuccess(conn -> {
            conn.handler(this::onMessage);
            conn.exceptionHandler(e -> lost(conn, e.getMessage()));
            conn.endHandler(v -> lost(conn, "connection closed"));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onSuccess(r -> {
                if (stopped) {
                    conn.close();
                    return;
                }
                connection = conn;
                if (wasDown) {
                    LOG.info("events subscription restored");
                }
                wasDown = false;
                onRestored.run();
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
            onEvent.accept(event);
        }
    }
}
