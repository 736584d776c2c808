package io.streamhub.router.support;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.StreamEvent;

/** What an origin router does when it claims a room, done by a test: the claim key, then the event masters act on. */
public final class OriginClaims {

    private static final RedisKeys KEYS = new RedisKeys(RedisKeys.DEFAULT_PREFIX);

    private OriginClaims() {
    }

    public static void claim(RedisDataSource redis, String app, String room, String node) {
        RoomId id = new RoomId(app, room);
        redis.value(String.class).set(KEYS.origin(id), node);
        redis.pubsub(String.class).publish(KEYS.events(), StreamEvent.originClaimed(id, node).toJson());
    }
}
