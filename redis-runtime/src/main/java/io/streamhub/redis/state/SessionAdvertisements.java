package io.streamhub.redis.state;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.RedisOps;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.SessionAdvertisement;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/** The one owner of each room's sessions hash ({@link SessionAdvertisement}): origins advertise, masters route by it, config-service lists it. */
@Singleton
public class SessionAdvertisements {

    /** ARGV: the session's own field and value (written unless another node advertises a newer generation), then each generation's. */
    private static final String ADVERTISE = """
            for i = 3, #ARGV, 2 do redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end
            local cur = redis.call('HGET', KEYS[1], ARGV[1])
            local gen = tonumber(string.match(ARGV[2], '^(%d+):'))
            local had = cur and tonumber(string.match(cur, '^(%d+):') or '-1') or -1
            if had <= gen then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
            return 1
            """;

    private final RedisOps redis;
    private final RedisDataSource data;

    public SessionAdvertisements(RedisOps redis, RedisDataSource data) {
        this.redis = redis;
        this.data = data;
    }

    /** Advertises sessions a room's origin holds (each as {@link SessionAdvertisement} lists it) and lets the hash live {@code ttlMillis}. */
    public Future<?> advertise(RoomId room, List<List<SessionAdvertisement>> sessions, long ttlMillis) {
        String key = redis.keys().sessions(room);
        Future<?> chain = Future.succeededFuture();
        for (List<SessionAdvertisement> session : sessions) {
            List<String> args = new ArrayList<>();
            session.forEach(a -> args.addAll(List.of(a.field(), a.value())));
            chain = chain.compose(x -> redis.evalLong(ADVERTISE, new String[] {key}, args.toArray(String[]::new)));
        }
        return chain.compose(ok -> redis.send(Request.cmd(Command.PEXPIRE).arg(key).arg(ttlMillis)));
    }

    /**
     * The room's whole hash in one read, as field → advertising node, well-formed fields only: a master
     * answers every file of the room from it, so a flood of invented names costs no read per name.
     */
    public Future<Map<String, String>> holders(RoomId room) {
        return redis.hgetall(redis.keys().sessions(room)).map(h -> wellFormed(h).stream()
                .collect(Collectors.toMap(SessionAdvertisement::field, SessionAdvertisement::nodeId, (a, b) -> a)));
    }

    /** Every well-formed advertisement of the room, for the control plane's plain threads. */
    public List<SessionAdvertisement> read(RoomId room) {
        return wellFormed(data.hash(String.class).hgetall(redis.keys().sessions(room)));
    }

    private static List<SessionAdvertisement> wellFormed(Map<String, String> hash) {
        return hash.entrySet().stream().map(e -> SessionAdvertisement.of(e.getKey(), e.getValue())).filter(Objects::nonNull).toList();
    }
}
