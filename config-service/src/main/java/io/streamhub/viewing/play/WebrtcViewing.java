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
import java.util.List;

/**
 * WebRTC viewing of a live room: the room's media node's public LiveKit URL and a subscribe-only
 * token made with LiveKit's SDK ({@code AccessToken}: this room only, {@code roomJoin} and
 * {@code canSubscribe}, no publishing of media or data, hidden from the other participants, the
 * identity {@code viewer-<client id>}, the app's {@code token_ttl}). A node serves a few hundred WebRTC
 * viewers at most, so slots are capped per room, per node and per client address (sorted sets in
 * Redis of client ids scored by expiry, checked and added in one script); past a cap the viewer gets
 * HLS only, and says why. A viewer holds one slot at most: its re-polls refresh it, or take none when
 * it has none (it plays HLS), and {@link #release} gives it back when the player falls back to HLS.
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

    // KEYS: room set, node set, address set. ARGV: now, expiry, room cap, node cap, address cap, client id,
    // 1 when the viewer is known (a re-poll). 1 granted, 2 refreshed, 0 known without a slot, -1/-2/-3 room/node/address full.
    static final String ADMIT = """
            for i = 1, 3 do redis.call('ZREMRANGEBYSCORE', KEYS[i], '-inf', ARGV[1]) end
            local held = redis.call('ZSCORE', KEYS[1], ARGV[6])
            if not held then
              if ARGV[7] == '1' then return 0 end
              if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return -1 end
              if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[4]) then return -2 end
              if redis.call('ZCARD', KEYS[3]) >= tonumber(ARGV[5]) then return -3 end
            end
            for i = 1, 3 do
              redis.call('ZADD', KEYS[i], ARGV[2], ARGV[6])
              redis.call('PEXPIREAT', KEYS[i], ARGV[2])
            end
            if held then return 2 end
            return 1
            """;

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

    /**
     * A slot for the viewer {@code clientId} at {@code address}: its own refreshed, a new one for a viewer
     * playback has not seen ({@code known} false), none for a known viewer without one.
     */
    public Answer admit(RoomId room, EffectiveAppConfig app, String clientId, boolean known, String address) {
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
        long now = System.currentTimeMillis();
        long expiresAt = now + app.webrtc().tokenTtlSeconds() * 1000;
        long result = redis.execute("EVAL", ADMIT, "3", keys.webrtcRoomTokens(room), keys.webrtcNodeTokens(node),
                keys.webrtcAddressTokens(room, address), Long.toString(now), Long.toString(expiresAt),
                Integer.toString(settings.maxPerRoom()), Integer.toString(settings.maxPerNode()), Integer.toString(settings.maxPerAddress()),
                clientId, known ? "1" : "0").toLong();
        if (result == 0) {
            return new HlsOnly("this viewer plays HLS: it holds no WebRTC slot, and a re-poll takes none");
        }
        if (result == -1) {
            return new HlsOnly("room " + room + " has " + settings.maxPerRoom() + " WebRTC viewers (streamhub.config.webrtc.max-per-room)");
        }
        if (result == -2) {
            return new HlsOnly("media node " + node + " has " + settings.maxPerNode() + " WebRTC viewers (streamhub.config.webrtc.max-per-node)");
        }
        if (result == -3) {
            return new HlsOnly("address " + address + " holds " + settings.maxPerAddress()
                    + " WebRTC viewers of room " + room + " (streamhub.config.webrtc.max-per-address)");
        }
        return new Granted(url, token(room, "viewer-" + clientId, app.webrtc().tokenTtlSeconds()), expiresAt);
    }

    /** Gives the viewer's slot back (it plays HLS now): the room's, its node's and its address's. */
    public void release(RoomId room, String clientId, String address) {
        RoomRecord record = RoomRecord.of(redis.hash(String.class).hgetall(keys.room(room)));
        redis.sortedSet(String.class).zrem(keys.webrtcRoomTokens(room), clientId);
        redis.sortedSet(String.class).zrem(keys.webrtcAddressTokens(room, address), clientId);
        if (record != null && !record.livekitNode().isEmpty()) {
            redis.sortedSet(String.class).zrem(keys.webrtcNodeTokens(record.livekitNode()), clientId);
        }
    }

    private String token(RoomId room, String identity, long ttlSeconds) {
        AccessToken token = new AccessToken(settings.apiKey().get(), settings.apiSecret().get());
        token.setIdentity(identity);
        token.setTtl(ttlSeconds * 1000);
        token.addGrants(List.of(new RoomJoin(true), new RoomName(room.livekitRoomName(settings.roomSeparator())),
                new CanSubscribe(true), new CanPublish(false), new CanPublishData(false), new Hidden(true)));
        return token.toJwt();
    }
}
