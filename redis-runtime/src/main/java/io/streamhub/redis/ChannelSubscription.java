package io.streamhub.redis;

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
 * A resilient subscription to one channel. It is a dedicated connection that is re-established every
 * second after Redis goes away, because Redis forgets subscribers with their connection;
 * {@code onRestored} runs on every (re)subscription, since messages published while it was down are
 * lost and listeners must treat what they cached as possibly stale. {@link #resubscribe} moves it on
 * demand: after a Sentinel failover the old connection may stay open on a node that is no longer the
 * primary, and nothing published on the new primary reaches it.
 */
public class ChannelSubscription {

    private static final Logger LOG = Logger.getLogger(ChannelSubscription.class);
    private static final long RETRY_MS = 1000;

    private final Redis redis;
    private final Vertx vertx;
    private final String channel;
    private final Consumer<String> onMessage;
    private final Runnable onRestored;

    /** The live subscription, or {@code null}. */
    private volatile RedisConnection connection;
    /** Bumped for every attempt; callbacks of an older attempt change nothing, so one loss schedules one retry. */
    private long attempt;
    private volatile boolean stopped;
    private volatile boolean wasDown;

    public ChannelSubscription(Redis redis, Vertx vertx, String channel, Consumer<String> onMessage, Runnable onRestored) {
        this.redis = redis;
        this.vertx = vertx;
        this.channel = channel;
        this.onMessage = onMessage;
        this.onRestored = onRestored;
    }

    public void start() {
        stopped = false;
        connect(nextAttempt());
    }

    public void stop() {
        stopped = true;
        RedisConnection c;
        synchronized (this) {
            attempt++;
            c = connection;
            connection = null;
        }
        if (c != null) {
            c.close();
        }
    }

    public boolean isSubscribed() {
        return connection != null;
    }

    /** Drops the current connection and subscribes again through a fresh one (which finds the current primary). */
    public void resubscribe(String why) {
        long current;
        synchronized (this) {
            current = attempt;
        }
        LOG.infof("moving the %s subscription: %s", channel, why);
        lost(current, connection, why, 0);
    }

    private synchronized long nextAttempt() {
        return ++attempt;
    }

    private void connect(long mine) {
        if (stopped) {
            return;
        }
        redis.connect().onSuccess(conn -> {
            conn.handler(this::onMessage);
            conn.exceptionHandler(e -> lost(mine, conn, e.getMessage(), RETRY_MS));
            conn.endHandler(v -> lost(mine, conn, "connection closed", RETRY_MS));
            conn.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onSuccess(r -> {
                synchronized (this) {
                    if (stopped || attempt != mine) {
                        conn.close();
                        return;
                    }
                    connection = conn;
                }
                if (wasDown) {
                    LOG.infof("%s subscription restored", channel);
                }
                wasDown = false;
                onRestored.run();
            }).onFailure(e -> lost(mine, conn, e.getMessage(), RETRY_MS));
        }).onFailure(e -> lost(mine, null, e.getMessage(), RETRY_MS));
    }

    /** Ends attempt {@code mine} (if it is still the current one) and schedules the next after {@code delayMs}. */
    private void lost(long mine, RedisConnection conn, String why, long delayMs) {
        long next;
        synchronized (this) {
            if (attempt != mine || stopped) {
                return;
            }
            connection = null;
            next = ++attempt;
        }
        if (conn != null) {
            conn.close();
        }
        if (!wasDown) {
            LOG.warnf("%s subscription down (%s); retrying every %d ms", channel, why, RETRY_MS);
            wasDown = true;
        }
        if (delayMs == 0) {
            connect(next);
        } else {
            vertx.setTimer(delayMs, id -> connect(next));
        }
    }

    /** Push messages: {@code ["message", channel, payload]} (RESP2) or a push type (RESP3). */
    private void onMessage(Response msg) {
        if (msg != null && msg.size() >= 3 && (msg.type() == ResponseType.PUSH || msg.type() == ResponseType.MULTI)
                && "message".equals(msg.get(0).toString())) {
            onMessage.accept(msg.get(2).toString());
        }
    }
}
