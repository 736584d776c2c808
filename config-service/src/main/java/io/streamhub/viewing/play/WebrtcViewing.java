package io.streamhub.viewing.play;

import io.livekit.server.AccessToken;
import io.livekit.server.CanPublish;
import io.livekit.server.CanPublishData;
import io.livekit.server.CanSubscribe;
import io.livekit.server.Hidden;
import io.livekit.server.RoomJoin;
import io.livekit.server.RoomName;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.redis.state.NodeRecords;
import io.streamhub.shared.NodeRecord;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.RoomRecord;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;

/**
 * WebRTC viewing of a live room: the room's media node's public LiveKit URL and a subscribe-only
 * token made with LiveKit's SDK ({@code AccessToken}: this room only, {@code roomJoin} and
 * {@code canSubscribe}, no publishing of media or data, hidden from the other participants, a
 * random identity, the app's {@code token_ttl}). A node serves a few hundred WebRTC viewers at
 * most, so tokens valid at once are capped per room and per node (sorted sets in Redis scored by
 * expiry, checked and added in one script); past a cap the viewer gets HLS only, and says why.
 */
@ApplicationScoped
public class WebrtcViewing {

    /** What playback says about WebRTC: a grant, or why there is none. */
    public sealed interface Answer {
    }

    public record Granted(String url, String token, long expiresAt) implements Answer {
    }

    public record HlsOnly(String reason) implements Answer {
    }

    /** The room is not live: there is nothing to join, and no playlist either. */
    public record NotLive(String reason) implements Answer {
    }

    // KEYS: room set, node set. ARGV: now, expiry, room cap, node cap, member. 1 granted, -1 room full, -2 node full.
    static final String ADMIT = """
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', ARGV[1])
            if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return -1 end
            if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return -2 end
            redis.call('ZADD', KEYS[1], ARGV[2], ARGV[5])
            redis.call('ZADD', KEYS[2], ARGV[2], ARGV[5])
            redis.call('PEXPIREAT', KEYS[1], ARGV[2])
            redis.call('PEXPIREAT', KEYS[2], ARGV[2])
            return 1
            """;

    // Per instance, not static: a static generator would be built into a native image's heap at
    // build time, one seed for every binary (the image builder refuses it).
    private final SecureRandom random = new SecureRandom();

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final NodeRecords nodes;
    private final ServiceConfig.Webrtc settings;

    public WebrtcViewing(RedisDataSource redis, RedisKeys keys, NodeRecords nodes, ServiceConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.nodes = nodes;
        this.settings = config.webrtc();
    }

    public Answer admit(RoomId room, EffectiveAppConfig app) {
        RoomRecord record = RoomRecord.of(redis.hash(String.class).hgetall(keys.room(room)));
        if (record == null || !"live".equals(record.status()) || record.livekitNode().isEmpty()) {
            return new NotLive("room " + room + " is not live" + (record == null ? "" : " (egress " + record.status() + ")"));
        }
        if (settings.apiKey().isEmpty() || settings.apiSecret().isEmpty()) {
            return new HlsOnly("WebRTC viewing is not set up: streamhub.config.webrtc.api-key and api-secret are unset");
        }
        String node = record.livekitNode();
        NodeRecord media = nodes.read(node);
        String url = media == null ? null : media.livekitPublicUrl();
        if (url == null || url.isBlank()) {
            return new HlsOnly("media node " + node + " advertises no public LiveKit URL (router.livekit-public-url)");
        }
        String identity = "viewer-" + HexFormat.of().formatHex(randomBytes());
        long now = System.currentTimeMillis();
        long expiresAt = now + app.webrtc().tokenTtlSeconds() * 1000;
        long result = redis.execute("EVAL", ADMIT, "2", keys.webrtcRoomTokens(room), keys.webrtcNodeTokens(node),
                Long.toString(now), Long.toString(expiresAt), Integer.toString(settings.maxPerRoom()),
                Integer.toString(settings.maxPerNode()), identity).toLong();
        if (result == -1) {
            return new HlsOnly("room " + room + " has " + settings.maxPerRoom() + " WebRTC viewers (streamhub.config.webrtc.max-per-room)");
        }
        if (result == -2) {
            return new HlsOnly("media node " + node + " has " + settings.maxPerNode() + " WebRTC viewers (streamhub.config.webrtc.max-per-node)");
        }
        return new Granted(url, token(room, identity, app.webrtc().tokenTtlSeconds()), expiresAt);
    }

    private String token(RoomId room, String identity, long ttlSeconds) {
        AccessToken token = new AccessToken(settings.apiKey().get(), settings.apiSecret().get());
        token.setIdentity(identity);
        token.setTtl(ttlSeconds * 1000);
        token.addGrants(List.of(new RoomJoin(true), new RoomName(room.livekitRoomName(settings.roomSeparator())),
                new CanSubscribe(true), new CanPublish(false), new CanPublishData(false), new Hidden(true)));
        return token.toJwt();
    }

    private byte[] randomBytes() {
        byte[] b = new byte[12];
        random.nextBytes(b);
        return b;
    }
}
