package io.streamhub.router.ownership;

import io.streamhub.redis.state.NodeRecords;
import io.streamhub.router.config.RouterConfig;
import io.streamhub.router.redis.SubscriptionRestored;
import io.streamhub.router.source.Duty;
import io.streamhub.router.source.Tier;
import io.streamhub.shared.NodeRecord;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.Reception;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Keeps this node's record ({@link NodeRecords}) alive while this origin runs (TTL three heartbeats), and removes
 * it with a {@code node.down} event on shutdown so masters stop routing here at once.
 */
@ApplicationScoped
@Tier(Tier.Kind.DISK)
public class NodeHeartbeat implements Duty {

    private static final Logger LOG = Logger.getLogger(NodeHeartbeat.class);

    private final RouterConfig config;
    private final Vertx vertx;
    private final NodeRecords records;
    private final NodeIdentity node;
    private long timer;
    private volatile boolean failing;

    public NodeHeartbeat(RouterConfig config, Vertx vertx, NodeRecords records, NodeIdentity node) {
        this.config = config;
        this.vertx = vertx;
        this.records = records;
        this.node = node;
    }

    @Override
    public void start() {
        timer = vertx.setPeriodic(0, config.origin().heartbeatInterval().toMillis(), id -> beat());
    }

    /** Redis is back (perhaps empty): write the record now rather than at the next heartbeat (only where it beats). */
    void onRestored(@Observes(notifyObserver = Reception.IF_EXISTS) SubscriptionRestored restored) {
        beat();
    }

    private void beat() {
        long ttl = Math.max(3, 3 * config.origin().heartbeatInterval().toSeconds());
        records.beat(node.nodeId(), new NodeRecord(node.advertisedUrl(), config.livekitUrl().orElse(""),
                config.livekitPublicUrl().orElse(""), config.zone(), node.startedAt()), ttl)
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

    @Override
    public void stop() {
        vertx.cancelTimer(timer);
        records.remove(node.nodeId()).toCompletionStage().toCompletableFuture()
                .completeOnTimeout(0L, 2, TimeUnit.SECONDS)
                .exceptionally(e -> 0L)
                .join();
    }
}
