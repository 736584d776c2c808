package io.streamhub.egress.rooms;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.redis.datasource.hash.HashCommands;
import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.redis.KeyScan;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.StreamEvent;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Room egress state in {@code <prefix>room:<app>:<room>} hashes, and the events that announce changes. */
@Singleton
public class RoomStore {

    private final RedisDataSource redis;
    private final HashCommands<String, String, String> hashes;
    private final RedisKeys keys;
    private final long endedTtlSeconds;

    public RoomStore(RedisDataSource redis, RedisKeys keys, OrchestratorConfig config) {
        this.redis = redis;
        this.hashes = redis.hash(String.class);
        this.keys = keys;
        this.endedTtlSeconds = config.endedTtl().toSeconds();
    }

    public RedisKeys keys() {
        return keys;
    }

    public RoomState get(RoomId room) {
        return RoomState.fromHash(room, hashes.hgetall(keys.room(room)));
    }

    /** Writes the state; an ended room's state expires after the grace period, others never do. */
    public void put(RoomState state) {
        String key = keys.room(state.room());
        hashes.hset(key, state.toHash());
        if (state.status() == RoomStatus.ENDED) {
            redis.key().expire(key, endedTtlSeconds);
        } else {
            redis.key().persist(key);
        }
    }

    /** Every room with state, ended ones included. */
    public List<RoomId> all() {
        String prefix = keys.prefix() + "room:";
        List<RoomId> rooms = new ArrayList<>();
        for (String key : KeyScan.keys(redis, keys.roomPattern(), 500)) {
            String rest = key.substring(prefix.length());
            int i = rest.indexOf(':');
            if (i > 0) {
                try {
                    rooms.add(new RoomId(rest.substring(0, i), rest.substring(i + 1)));
                } catch (IllegalArgumentException e) {
                    // Not a key we wrote; leave it alone.
                }
            }
        }
        return rooms;
    }

    public void publish(String type, RoomId room, String node) {
        redis.pubsub(String.class).publish(keys.events(), new StreamEvent(type, room.app(), room.room(), node, null).toJson());
    }

    /** Records a webhook id; false if it was already seen (a retried delivery). */
    public boolean firstDelivery(String webhookId, long ttlSeconds) {
        // One atomic SET NX EX: a marker without expiry would never be cleaned up.
        var ok = redis.execute("SET", keys.webhookSeen(webhookId), "1", "NX", "EX", Long.toString(ttlSeconds));
        return ok != null && "OK".equals(ok.toString());
    }

    /** The raw hash, for the admin API. */
    public Map<String, String> raw(RoomId room) {
        return hashes.hgetall(keys.room(room));
    }
}
