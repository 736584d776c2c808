package io.streamhub.router.origin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.streamhub.redis.RedisOps;
import io.streamhub.router.playlist.MasterPlaylist;
import io.streamhub.router.playlist.SequenceState;
import io.streamhub.shared.RoomId;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jboss.logging.Logger;

/**
 * Each live playlist's {@link SequenceState}, in memory and in Redis ({@code <prefix>seq:…}), so that
 * the numbering survives this router's restart and follows the room when another node becomes its
 * origin. Writes only move forward (a newer generation, or more segments), whoever writes.
 */
@ApplicationScoped
public class SequenceStore {

    private static final Logger LOG = Logger.getLogger(SequenceStore.class);
    /** A room quiet this long has no viewer left holding its old numbers. */
    static final long TTL_SECONDS = 24 * 3600;
    private static final String[] FIELDS = {"generation", "offset", "discontinuityBase", "marked", "next", "lastDiscontinuity"};

    // Stale writers (a slower request, a node that lost the room) must never move the numbers back.
    private static final String SAVE = """
            local g = tonumber(redis.call('HGET', KEYS[1], 'generation') or '-1')
            local n = tonumber(redis.call('HGET', KEYS[1], 'next') or '-1')
            local ng = tonumber(ARGV[1])
            local nn = tonumber(ARGV[5])
            if ng < g or (ng == g and nn < n) then
              return 0
            end
            redis.call('HSET', KEYS[1], 'generation', ARGV[1], 'offset', ARGV[2], 'discontinuityBase', ARGV[3],
              'marked', ARGV[4], 'next', ARGV[5], 'lastDiscontinuity', ARGV[6])
            redis.call('EXPIRE', KEYS[1], ARGV[7])
            return 1
            """;

    private final RedisOps redis;
    private final Cache<String, SequenceState> known = newStateCache();

    public SequenceStore(RedisOps redis) {
        this.redis = redis;
    }

    /** Plain size-bounded (see NativeRegistrations for the classes it needs); an evicted state reloads from Redis. */
    public static <V> Cache<String, V> newStateCache() {
        return Caffeine.newBuilder().maximumSize(100_000).build();
    }

    /**
     * A playlist's numbering as far as it is known: its own state, or for a rendition with none yet,
     * the most advanced state among the room's other renditions. {@code reachable} is false when
     * Redis could not be asked.
     */
    record Known(SequenceState state, SequenceState sibling, boolean reachable) {
        static final Known UNREACHABLE = new Known(null, null, false);
    }

    /**
     * The playlist's state: from memory, else from Redis. Never fails: when Redis cannot be asked
     * the caller numbers the playlist as the egress does, keeps nothing, and asks again next time.
     */
    Future<Known> load(RoomId room, String rendition) {
        return stored(room, rendition).compose(own -> own != null || rendition == null
                ? Future.succeededFuture(new Known(own, null, true))
                : siblingOf(room, rendition).map(sibling -> new Known(null, sibling, true))
        ).otherwise(Known.UNREACHABLE);
    }

    /** The most advanced state among the room's other ladder renditions, or {@code null}. */
    private Future<SequenceState> siblingOf(RoomId room, String rendition) {
        List<Future<SequenceState>> others = MasterPlaylist.renditions().stream().filter(other -> !other.equals(rendition))
                .map(other -> stored(room, other).otherwise((SequenceState) null)).toList();
        return Future.all(others).map(done -> others.stream().map(Future::result).filter(Objects::nonNull)
                .reduce(SequenceStore::newer).orElse(null));
    }

    /** One playlist's state from memory or Redis; {@code null} when it has none; fails when Redis cannot be asked. */
    private Future<SequenceState> stored(RoomId room, String rendition) {
        String key = redis.keys().sequence(room, rendition);
        SequenceState s = known.getIfPresent(key);
        if (s != null) {
            return Future.succeededFuture(s);
        }
        Request hmget = Request.cmd(Command.HMGET).arg(key);
        Arrays.stream(FIELDS).forEach(hmget::arg);
        return redis.send(hmget).map(r -> {
            SequenceState fromRedis = parse(r);
            return fromRedis == null ? null : known.asMap().merge(key, fromRedis, SequenceStore::newer);
        });
    }

    /**
     * Keeps {@code state} if it moves the playlist forward from {@code before}, here and in Redis.
     * Completes with whether Redis took it; a failure to store is logged, not fatal.
     */
    Future<Boolean> save(RoomId room, String rendition, SequenceState before, SequenceState state) {
        if (state.equals(before)) {
            return Future.succeededFuture(false);
        }
        String key = redis.keys().sequence(room, rendition);
        SequenceState kept = known.asMap().merge(key, state, SequenceStore::newer);
        if (kept != state) {
            return Future.succeededFuture(false); // a concurrent request already kept something newer
        }
        return redis.evalLong(SAVE, new String[] {key}, Integer.toString(state.generation()), Long.toString(state.offset()),
                Long.toString(state.discontinuityBase()), state.marked() ? "1" : "0", Long.toString(state.next()),
                Long.toString(state.lastDiscontinuity()), Long.toString(TTL_SECONDS))
                .map(stored -> stored == 1)
                .otherwise(e -> {
                    LOG.debugf("cannot store the numbering of %s: %s", key, e.toString());
                    return false;
                });
    }

    private static SequenceState newer(SequenceState a, SequenceState b) {
        if (a.generation() != b.generation()) {
            return a.generation() > b.generation() ? a : b;
        }
        return a.next() >= b.next() ? a : b;
    }

    /** A stored state, or {@code null} when there is none or it is not one we wrote. */
    static SequenceState parse(Response r) {
        if (r == null || r.size() != FIELDS.length) {
            return null;
        }
        try {
            long[] v = new long[FIELDS.length];
            for (int i = 0; i < FIELDS.length; i++) {
                Response field = r.get(i);
                if (field == null) {
                    return null;
                }
                v[i] = Long.parseLong(field.toString());
            }
            if (v[0] < 0 || v[0] > Integer.MAX_VALUE || v[1] < 0 || v[2] < 0 || v[4] < v[1] || v[5] < v[2]) {
                return null;
            }
            return new SequenceState((int) v[0], v[1], v[2], v[3] == 1, v[4], v[5], null);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
