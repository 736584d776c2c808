package io.streamhub.redis.state;

import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.redis.KeyScan;
import io.streamhub.redis.RedisOps;
import io.streamhub.shared.NodeRecord;
import io.streamhub.shared.StreamEvent;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The one owner of the media nodes' records ({@link NodeRecord}): each origin heartbeats its own; the others read them. */
@Singleton
public class NodeRecords {

    /** ARGV: the TTL, then field/value pairs: a record never lives without its TTL. */
    static final String BEAT = """
            redis.call('HSET', KEYS[1], unpack(ARGV, 2))
            redis.call('EXPIRE', KEYS[1], ARGV[1])
            return 1
            """;

    private final RedisOps redis;
    private final RedisDataSource data;

    public NodeRecords(RedisOps redis, RedisDataSource data) {
        this.redis = redis;
        this.data = data;
    }

    /** Writes the node's record, alive for {@code ttlSeconds} unless written again. */
    public Future<Long> beat(String nodeId, NodeRecord record, long ttlSeconds) {
        List<String> args = new ArrayList<>(List.of(Long.toString(ttlSeconds)));
        record.toHash().forEach((field, value) -> args.addAll(List.of(field, value)));
        return redis.evalLong(BEAT, new String[] {redis.keys().node(nodeId)}, args.toArray(String[]::new));
    }

    /** Deletes the record and says {@code node.down}, so masters stop routing to the node at once. */
    public Future<Long> remove(String nodeId) {
        return redis.send(Request.cmd(Command.DEL).arg(redis.keys().node(nodeId)))
                .compose(r -> redis.publish(redis.keys().events(), StreamEvent.nodeDown(nodeId).toJson()));
    }

    /** The node's record, or {@code null} when its heartbeat expired. */
    public Future<NodeRecord> get(String nodeId) {
        return redis.hgetall(redis.keys().node(nodeId)).map(NodeRecord::of);
    }

    /** {@link #get} for the control plane's plain threads. */
    public NodeRecord read(String nodeId) {
        return NodeRecord.of(data.hash(String.class).hgetall(redis.keys().node(nodeId)));
    }

    /** Every live node's record by node id, in the order Redis lists them (scanned page by page). */
    public Map<String, NodeRecord> readAll() {
        String prefix = redis.keys().node("");
        Map<String, NodeRecord> nodes = new LinkedHashMap<>();
        for (String key : KeyScan.keys(data, redis.keys().nodePattern(), 500)) {
            NodeRecord record = NodeRecord.of(data.hash(String.class).hgetall(key));
            if (record != null) {
                nodes.put(key.substring(prefix.length()), record);
            }
        }
        return nodes;
    }
}
