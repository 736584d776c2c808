package io.streamhub.router.ownership;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.streamhub.redis.RedisOps;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.shared.NodeRecord;
import io.streamhub.shared.StreamEvent;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps {@code <prefix>node:<id>} alive while this origin runs (TTL three heartbeats), and removes
 * it with a {@code node.down} event on shutdown so masters stop routing here at once.
 */
@ApplicationScoped
public class NodeHeartbeat {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class);

    static final String BEAT = "redis.call('HSET', KEYS[1], '" + NodeRecord.HLS_URL + "', ARGV[1], '" + NodeRecord.LIVEKIT_URL
            + "', ARGV[2], '" + NodeRecord.ZONE + "', ARGV[3], '" + NodeRecord.STARTED_AT + "', ARGV[4], '"
            + NodeRecord.LIVEKIT_PUBLIC_URL + "', ARGV[6])\n"
            + "redis.call('EXPIRE', KEYS[1], ARGV[5])\n"
            + "return 1\n";

    private final RouterConfig config;
    private final Vertx vertx;
    private final RedisOps redis;
    private final NodeIdentity node;
    private long timer = -1;
    private volatile boolean failing;

    public NodeHeartbeat(RouterConfig config, Vertx vertx, RedisOps redis, NodeIdentity node) {
        this.config = config;
        this.vertx = vertx;
        this.redis = redis;
        this.node = node;
    }

    void start(@Observes StartupEvent ev) {
        if (config.role().servesDisk()) {
            timer = vertx.setPeriodic(0, config.origin().heartbeatInterval().toMillis(), id -> beat());
        }
    }

    /** Redis is back (perhaps empty): write the record now rather than at the next heartbeat. */
    void onRestored(@Observes io.streamhub.router.redis.SubscriptionRestored restored) {
        if (timer >= 0) {
            beat();
        }
    }

    private void beat() {
        long ttl = Math.max(3, 3 * config.origin().heartbeatInterval().toSeconds());
        redis.evalLong(BEAT, new String[] {redis.keys().node(node.nodeId())}, node.advertisedUrl(),
                config.livekitUrl().orElse(""), config.zone(), Long.toString(node.startedAt()), Long.toString(ttl),
                config.livekitPublicUrl().orElse(""))
                .onSuccess(r -> {
                    if (failing) {
                        LOG.info("node heartbeat restored");
                    }
                    failing = false;
                })
                .onFailure(e -> {
                    if (!failing) {
                        LOG.warnf("node heartbeat failed: %s (still serving from disk)", e.getMessage());
                    }
                    failing = true;
                });
    }

    void stop(@Observes ShutdownEvent ev) {
        if (timer < 0) {
            return;
        }
        vertx.cancelTimer(timer);
        redis.send(Request.cmd(Command.DEL).arg(redis.keys().node(node.nodeId())))
                .compose(r -> redis.publish(redis.keys().events(), StreamEvent.nodeDown(node.nodeId()).toJson()))
                .toCompletionStage().toCompletableFuture()
                .completeOnTimeout(0L, 2, TimeUnit.SECONDS)
                .exceptionally(e -> 0L)
                .join();
    }
}
