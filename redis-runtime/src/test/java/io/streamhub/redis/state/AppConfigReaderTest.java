package io.streamhub.redis.state;

import static io.streamhub.redis.state.StateRedis.KEYS;
import static io.streamhub.redis.state.StateRedis.await;
import static io.streamhub.redis.state.StateRedis.command;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.redis.RedisOps;
import io.streamhub.shared.StreamEvent;
import io.streamhub.shared.app.AppConfigUnavailableException;
import io.streamhub.shared.app.AppIndex;
import io.vertx.core.Future;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one app-config reader against a real Redis; the view is the app's {@code list_size}, 0 for a removed app. */
class AppConfigReaderTest {

    static final Duration LONG = Duration.ofHours(1);
    final AtomicInteger reads = new AtomicInteger();

    @BeforeEach
    void clean() throws Exception {
        command("DEL", KEYS.config("a"), KEYS.config("b"), KEYS.configRevision(), KEYS.appIndex());
        publish(Set.of("a", "b"));
        config("a", 5);
        config("b", 7);
    }

    @Test
    void concurrentReadsOfOneAppShareOneRoundTrip() throws Exception {
        AppConfigReader<Integer> reader = counted(StateRedis.OPS, new AppConfigReader.Freshness(LONG, false));
        List<Future<Integer>> all = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            all.add(reader.get("a"));
        }
        for (Future<Integer> f : all) {
            assertEquals(5, await(f));
        }
        assertEquals(1, reads.get());
        assertEquals(5, await(reader.get("a")), "then it is cached");
        assertEquals(1, reads.get());
    }

    @Test
    void whenRedisCannotBeAskedTheLastViewStandsAndWithNoneTheReadFails() throws Exception {
        Redis client = StateRedis.client();
        AppConfigReader<Integer> reader = counted(StateRedis.ops(client), new AppConfigReader.Freshness(Duration.ofMillis(1), false));
        assertEquals(5, await(reader.get("a")));
        client.close();
        Thread.sleep(5);
        assertEquals(5, await(reader.get("a")), "the last view, not a failure");
        assertEquals(2, reads.get(), "it did ask");
        ExecutionException never = assertThrows(ExecutionException.class, () -> await(reader.get("b")));
        assertNull(reader.cached("b"), "a failure is not remembered as a view: " + never.getCause());
    }

    @Test
    void configChangedMakesTheAppsViewStaleAndOnlyIts() throws Exception {
        AppConfigReader<Integer> reader = new AppConfigReader<>(StateRedis.OPS, new AppConfigReader.Freshness(LONG, false), AppConfigReaderTest::listSize);
        assertEquals(5, await(reader.get("a")));
        assertEquals(7, await(reader.get("b")));
        config("a", 9);
        config("b", 11);
        assertEquals(5, await(reader.get("a")), "fresh for an hour");
        reader.onEvent(new StreamEvent(StreamEvent.CONFIG_CHANGED, "a", null, null, "r2"));
        reader.onEvent(new StreamEvent(StreamEvent.ORIGIN_CLAIMED, "b", "x", "node", null));
        assertEquals(9, await(reader.get("a")));
        assertEquals(7, await(reader.get("b")), "other apps and other events change nothing");
        reader.markAllStale();
        assertEquals(11, await(reader.get("b")));
    }

    @Test
    void theFreshnessDecidesWhetherAStaleViewIsServedOrWaitedFor() throws Exception {
        AppConfigReader.Freshness brief = new AppConfigReader.Freshness(Duration.ofMillis(50), true);
        AppConfigReader<Integer> servesStale = new AppConfigReader<>(StateRedis.OPS, brief, AppConfigReaderTest::listSize);
        AppConfigReader<Integer> waits = new AppConfigReader<>(StateRedis.OPS, new AppConfigReader.Freshness(Duration.ofMillis(50), false),
                AppConfigReaderTest::listSize);
        assertEquals(5, await(servesStale.get("a")));
        assertEquals(5, await(waits.get("a")));
        config("a", 6);
        Thread.sleep(60);
        assertEquals(5, await(servesStale.get("a")), "the stale view at once, refreshed behind it");
        await().atMost(Duration.ofSeconds(5)).until(() -> servesStale.cached("a") == 6);
        assertEquals(6, await(waits.get("a")), "waited for the read");

        AppConfigReader<Integer> everyCall = counted(StateRedis.OPS, AppConfigReader.Freshness.EVERY_CALL);
        assertEquals(6, await(everyCall.get("a")));
        config("a", 8);
        assertEquals(8, await(everyCall.get("a")));
        assertEquals(2, reads.get());
        assertNull(everyCall.cached("a"), "nothing is cached, not even as a fallback");
    }

    @Test
    void theBlockingReaderReadsEveryCallAndThrowsWhatTheReadFailedWith() throws Exception {
        AppConfigReader<Integer> reader = AppConfigReader.everyCall(StateRedis.DATA, KEYS, AppConfigReaderTest::listSize);
        assertEquals(5, reader.await("a"));
        config("a", 3);
        assertEquals(3, reader.await("a"));
        publish(Set.of("b"));
        command("DEL", KEYS.config("a"));
        assertEquals(0, reader.await("a"), "removed: gone, and the index does not list it");
        assertEquals(7, reader.await("b"));
        command("DEL", KEYS.config("b"));
        assertEquals(7, reader.await("b"), "a lost key keeps the config last read");
        AppConfigReader<Integer> fresh = AppConfigReader.everyCall(StateRedis.DATA, KEYS, AppConfigReaderTest::listSize);
        assertThrows(AppConfigUnavailableException.class, () -> fresh.await("b"), "nothing read before: nothing is decided");
    }

    @Test
    void loadAllReadsEveryPublishedAppAtOnce() throws Exception {
        AppConfigReader<Integer> reader = counted(StateRedis.OPS, new AppConfigReader.Freshness(LONG, true));
        List<String> apps = PublishedApps.names(StateRedis.DATA, KEYS);
        assertEquals(Set.of("a", "b"), Set.copyOf(apps), "the revision key is not an app");
        assertEquals(2, await(reader.loadAll(apps)));
        assertEquals(5, reader.cached("a"));
        assertEquals(7, reader.cached("b"));
        assertEquals(1, reads.get());
        assertInstanceOf(Integer.class, await(reader.loadAll(List.of())));
    }

    @Test
    void aFloodOfInventedAppNamesIsReadOncePerNameWithinTheFreshnessAndKeptBounded() throws Exception {
        AppConfigReader<Integer> reader = counted(StateRedis.OPS, new AppConfigReader.Freshness(Duration.ofMillis(500), false));
        int names = AppConfigReader.MAX_APPS + 2_000;
        for (int i = 0; i < names; i++) {
            assertEquals(0, await(reader.get("ghost" + i)), "the index does not list it: removed");
        }
        assertEquals(names, reads.get(), "one read per name");
        assertEquals(0, await(reader.get("ghost" + (names - 1))));
        assertEquals(names, reads.get(), "a removed app's answer is kept for the freshness: no read per request");
        assertTrue(reader.size() <= AppConfigReader.MAX_APPS, "bounded by size: " + reader.size());
        Thread.sleep(2_000); // expiry is kept on Caffeine's timer wheel, to about a second
        assertEquals(5, await(reader.get("a")));
        assertEquals(1, reader.size(), "removed apps' answers expired with the freshness; a's view stays");

        // Nothing can be decided (Redis lost the index and the key): that answer too is kept for the freshness.
        command("DEL", KEYS.appIndex());
        int before = reads.get();
        for (int i = 0; i < 3; i++) {
            ExecutionException failed = assertThrows(ExecutionException.class, () -> await(reader.get("lost")));
            assertInstanceOf(AppConfigUnavailableException.class, failed.getCause());
        }
        assertEquals(before + 1, reads.get(), "one read, not one per request");
        // config-service writes the index again: the next read that finds it clears what was undecided for want of it.
        publish(Set.of("a", "b"));
        assertEquals(5, await(reader.read("a")));
        assertEquals(0, await(reader.get("lost")), "decidable now: removed");
    }

    private AppConfigReader<Integer> counted(RedisOps ops, AppConfigReader.Freshness freshness) {
        return new AppConfigReader<>(KEYS, keys -> {
            reads.incrementAndGet();
            return ops.mget(keys);
        }, freshness, AppConfigReaderTest::listSize);
    }

    private static Integer listSize(Optional<io.streamhub.shared.app.EffectiveAppConfig> config) {
        return config.map(c -> c.hls().listSize()).orElse(0);
    }

    private static void config(String app, int listSize) throws Exception {
        command("SET", KEYS.config(app), "{\"app\":\"" + app + "\",\"distribution\":{\"mode\":\"p2p\",\"hls\":{\"list_size\":" + listSize + "}}}");
    }

    private static void publish(Set<String> apps) throws Exception {
        command("SET", KEYS.appIndex(), new AppIndex("r1", apps).toJson());
        command("SET", KEYS.configRevision(), "r1");
    }
}
