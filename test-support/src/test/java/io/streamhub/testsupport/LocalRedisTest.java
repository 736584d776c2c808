package io.streamhub.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRedisTest {

    @Test
    void startsARealServerThatCanBeStoppedAndRestarted(@TempDir Path dir) throws Exception {
        try (LocalRedis redis = LocalRedis.start(dir)) {
            assertTrue(redis.ping(), "server answers PING");
            assumeTrue(redis.canRestart(), "REDIS_URL points at a server that is not ours to stop");
            int port = redis.port();
            redis.stop();
            assertFalse(redis.ping(), "stopped server no longer answers");
            redis.restart();
            assertTrue(redis.ping(), "restarted server answers again");
            assertEquals(port, redis.port());
            assertTrue(redis.url().startsWith("redis://127.0.0.1:"));
        }
    }

    @Test
    void theEmbeddedBinaryIsARealServerToo(@TempDir Path dir) throws Exception {
        try (LocalRedis redis = LocalRedis.startEmbedded(dir)) {
            assertEquals(LocalRedis.Kind.EMBEDDED, redis.kind());
            assertTrue(redis.ping());
        }
    }
}
