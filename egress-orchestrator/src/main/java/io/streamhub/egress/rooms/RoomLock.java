package io.streamhub.egress.rooms;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.RoomId;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.UUID;

/**
 * The per-room lock {@code sh:lock:egress:<app>:<room>} ({@code SET NX PX} with a random token): whichever replica holds
 * it is the only one acting on the room. Released only by its holder (compare-and-delete in Lua);
 * a crashed holder's lock expires by itself.
 */
@Singleton
public class RoomLock {

    private static final String RELEASE = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end";

    private static final String RENEW = "if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";

    private static final long POLL_MS = 25;

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final long ttlMs;

    public RoomLock(RedisDataSource redis, RedisKeys keys, OrchestratorConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.ttlMs = config.lockTtl().toMillis();
    }

    /** A token if the lock was taken, else {@code null} (another replica is acting on the room). */
    public String tryLock(RoomId room) {
        String token = UUID.randomUUID().toString();
        Response ok = redis.execute("SET", keys.egressLock(room), token, "NX", "PX", Long.toString(ttlMs));
        return ok != null && "OK".equals(ok.toString()) ? token : null;
    }

    /**
     * Like {@link #tryLock} but waits up to {@code wait} for a busy lock. A pass or webhook step
     * holds a room for milliseconds, so an operator's order should queue behind it, not fail.
     */
    public String lock(RoomId room, Duration wait) {
        long deadline = System.nanoTime() + wait.toNanos();
        while (true) {
            String token = tryLock(room);
            if (token != null || System.nanoTime() - deadline >= 0) {
                return token;
            }
            try {
                Thread.sleep(POLL_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /**
     * Extends a held lock to a full TTL again, if it is still ours. False when it is not: it expired
     * (a pause longer than the TTL) and another replica may be acting on the room.
     */
    public boolean renew(RoomId room, String token) {
        Response r = redis.execute("EVAL", RENEW, "1", keys.egressLock(room), token, Long.toString(ttlMs));
        return r != null && r.toLong() == 1;
    }

    /** How often a step that is still running renews its lock: three times per TTL. */
    public Duration renewEvery() {
        return Duration.ofMillis(Math.max(ttlMs / 3, 1));
    }

    public void release(RoomId room, String token) {
        // The reply (1 or 0) needs no handling: a lock that is no longer ours simply expired.
        redis.execute("EVAL", RELEASE, "1", keys.egressLock(room), token);
    }
}
