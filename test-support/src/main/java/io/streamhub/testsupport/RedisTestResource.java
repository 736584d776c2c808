package io.streamhub.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;

/**
 * Gives a Quarkus test a real Redis ({@link LocalRedis}). One server per test JVM, shared by every
 * test class and application restart, stopped when the JVM exits. Tests reach it through
 * {@link #redis()} to stop and restart it.
 */
public class RedisTestResource implements QuarkusTestResourceLifecycleManager {

    private static LocalRedis redis;

    /** The JVM's server, started on first use. */
    public static synchronized LocalRedis redis() {
        if (redis == null) {
            try {
                Path dir = Path.of(System.getProperty("java.io.tmpdir"), "redis-test");
                redis = LocalRedis.start(dir);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            LocalRedis started = redis;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close));
        }
        return redis;
    }

    @Override
    public Map<String, String> start() {
        LocalRedis r = redis();
        if (r.canRestart() && !r.ping()) {
            try {
                r.restart(); // a previous test left it stopped
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return Map.of("quarkus.redis.hosts", r.url());
    }

    @Override
    public void stop() {
        // Shared across application restarts; the shutdown hook stops it with the JVM.
    }
}
