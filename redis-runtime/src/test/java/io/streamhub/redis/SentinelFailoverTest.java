package io.streamhub.redis;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.StreamEvent;
import io.streamhub.testsupport.RedisSentinelGroup;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisClientType;
import io.vertx.redis.client.RedisOptions;
import io.vertx.redis.client.RedisRole;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real Redis nodes and real Sentinels: after the primary is killed (its connections drop) or frozen
 * (they stay open, as when a node drops off the network), commands reach the new primary and the
 * event subscription hears what is published there.
 */
class SentinelFailoverTest {

    static final long DOWN_AFTER_MS = 1000;
    static RedisSentinelGroup group;
    static Vertx vertx;
    static Redis redis;
    static EventSubscriptions subscriptions;
    static RedisOps ops;
    static final RedisKeys KEYS = new RedisKeys("sh:");

    @BeforeAll
    static void start() throws Exception {
        group = RedisSentinelGroup.start(Path.of("target", "sentinel-failover").toAbsolutePath(), DOWN_AFTER_MS);
        vertx = Vertx.vertx();
        RedisOptions options = new RedisOptions().setType(RedisClientType.SENTINEL).setMasterName(group.masterName())
                .setRole(RedisRole.MASTER);
        List<URI> sentinels = Arrays.stream(group.sentinelUrls().split(",")).map(URI::create).toList();
        sentinels.forEach(u -> options.addConnectionString(u.toString()));
        redis = Redis.createClient(vertx, options);
        ops = new RedisOps(redis, vertx, KEYS, Duration.ofMillis(500));
        subscriptions = new EventSubscriptions(redis, vertx, KEYS, new SentinelPrimaryWatch(vertx, sentinels, group.masterName()));
    }

    @AfterAll
    static void stop() throws Exception {
        subscriptions.stop();
        redis.close();
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        group.close();
    }

    @Test
    void commandsAndTheSubscriptionFollowTheNewPrimaryWhenTheOldOneIsKilledOrFrozen() throws Exception {
        List<StreamEvent> heard = new CopyOnWriteArrayList<>();
        AtomicInteger restored = new AtomicInteger();
        EventSubscription sub = subscriptions.create(heard::add, restored::incrementAndGet);
        sub.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(sub::isSubscribed);
            hears(heard, "before");

            int old = group.killPrimary();
            int promoted = group.awaitFailover(old, Duration.ofSeconds(30));
            assertNotEquals(old, promoted);
            writesAndReadsThroughTheClient("after-kill");
            hears(heard, "after-kill");

            // The killed node comes back and the Sentinels make it a replica. Then the primary freezes, as a
            // node that dropped off the network: nothing closes the connections to it, so only the
            // Sentinels' announcement can move the subscription (and the pooled connections).
            group.restartNode(old);
            await("the old node rejoins as a replica").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .ignoreExceptions().until(() -> group.replicaInSync(old));
            int frozen = group.freezePrimary();
            try {
                int next = group.awaitFailover(frozen, Duration.ofSeconds(30));
                assertEquals(old, next);
                writesAndReadsThroughTheClient("after-freeze");
                hears(heard, "after-freeze");
            } finally {
                group.thaw(frozen);
            }
        } finally {
            sub.stop();
        }
    }

    /** Publishes on the current primary (again, while the subscription is still moving) until it is heard. */
    private static void hears(List<StreamEvent> heard, String revision) {
        StreamEvent event = new StreamEvent(StreamEvent.CONFIG_CHANGED, "app", null, null, revision);
        await("the subscription hears " + revision).atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    group.command("PUBLISH", KEYS.events(), event.toJson());
                    return heard.stream().anyMatch(e -> revision.equals(e.revision()));
                });
    }

    private static void writesAndReadsThroughTheClient(String value) {
        await("commands reach the new primary").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> {
                    ops.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.SET).arg("probe").arg(value))
                            .toCompletionStage().toCompletableFuture().get(2, TimeUnit.SECONDS);
                    return value.equals(group.command("GET", "probe"));
                });
    }
}
