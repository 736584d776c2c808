package io.streamhub.redis;

import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jboss.logging.Logger;

/**
 * Watches every Sentinel's {@code +switch-master} channel (one subscription each, so losing a
 * Sentinel loses nothing) and tells listeners when the primary of our master name moved. Every
 * Sentinel announces the same switch; the payload's new address makes repeats no-ops.
 */
final class SentinelPrimaryWatch implements PrimaryWatch {

    private static final Logger LOG = Logger.getLogger(SentinelPrimaryWatch.class);
    static final String CHANNEL = "+switch-master";

    private final String masterName;
    private final List<Redis> clients = new ArrayList<>();
    private final List<ChannelSubscription> subscriptions = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile String primary;

    SentinelPrimaryWatch(Vertx vertx, List<URI> sentinels, String masterName) {
        this.masterName = masterName;
        for (URI sentinel : sentinels) {
            Redis client = Redis.createClient(vertx, new RedisOptions().setType(RedisClientType.STANDALONE)
                    .setConnectionString(sentinel.toString()));
            clients.add(client);
            subscriptions.add(new ChannelSubscription(client, vertx, CHANNEL, this::onSwitch, () -> { }));
        }
        subscriptions.forEach(ChannelSubscription::start);
    }

    /** {@code <master-name> <old-ip> <old-port> <new-ip> <new-port>}. */
    void onSwitch(String payload) {
        String[] f = payload.trim().split(" ");
        if (f.length != 5 || !f[0].equals(masterName)) {
            return;
        }
        String now = f[3] + ':' + f[4];
        if (now.equals(primary)) {
            return;
        }
        primary = now;
        LOG.infof("Redis primary of %s moved from %s:%s to %s", masterName, f[1], f[2], now);
        listeners.forEach(Runnable::run);
    }

    @Override
    public void addListener(Runnable onSwitch) {
        listeners.add(onSwitch);
    }

    @Override
    public void removeListener(Runnable onSwitch) {
        listeners.remove(onSwitch);
    }

    @Override
    public void stop() {
        subscriptions.forEach(ChannelSubscription::stop);
        clients.forEach(Redis::close);
    }
}
