package io.streamhub.redis.state;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.RedisOps;
import io.streamhub.shared.OriginClaim;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.StreamEvent;
import io.vertx.core.Future;
import jakarta.inject.Singleton;

/** The one owner of the origin claims ({@link OriginClaim}): origins claim and release (each with its event, atomically); masters and the operator page read. */
@Singleton
public class OriginClaims {

    /** 1 = newly claimed (event published), 2 = refreshed, 0 = another node holds it. */
    static final String CLAIM = """
            local cur = redis.call('GET', KEYS[1])
            if not cur then
              redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
              redis.call('PUBLISH', KEYS[2], ARGV[3])
              return 1
            elseif cur == ARGV[1] then
              redis.call('EXPIRE', KEYS[1], ARGV[2])
              return 2
            end
            return 0
            """;

    /** Deletes the claim only if it is still ours: 1 when it was. */
    static final String RELEASE = """
            if redis.call('GET', KEYS[1]) == ARGV[1] then
              redis.call('DEL', KEYS[1])
              redis.call('PUBLISH', KEYS[2], ARGV[2])
              return 1
            end
            return 0
            """;

    private final RedisOps redis;
    private final RedisDataSource data;

    public OriginClaims(RedisOps redis, RedisDataSource data) {
        this.redis = redis;
        this.data = data;
    }

    /** Claims the room ({@code SET NX EX}) or extends our own claim: {@link #CLAIM}'s answer. */
    public Future<Long> claim(OriginClaim claim, long ttlSeconds) {
        return redis.evalLong(CLAIM, new String[] {redis.keys().origin(claim.room()), redis.keys().events()}, claim.nodeId(),
                Long.toString(ttlSeconds), StreamEvent.originClaimed(claim.room(), claim.nodeId()).toJson());
    }

    public Future<Long> release(OriginClaim claim) {
        return redis.evalLong(RELEASE, new String[] {redis.keys().origin(claim.room()), redis.keys().events()}, claim.nodeId(),
                StreamEvent.originReleased(claim.room(), claim.nodeId()).toJson());
    }

    /** The room's claim, or {@code null} when nobody holds it. */
    public Future<OriginClaim> holder(RoomId room) {
        return redis.get(redis.keys().origin(room)).map(v -> OriginClaim.of(room, v));
    }

    /** {@link #holder} for the control plane's plain threads. */
    public OriginClaim read(RoomId room) {
        return OriginClaim.of(room, data.value(String.class).get(redis.keys().origin(room)));
    }
}
