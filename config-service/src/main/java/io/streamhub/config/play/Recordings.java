package io.streamhub.config.play;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.quarkus.redis.datasource.RedisDataSource;
import io.streamhub.config.config.ServiceConfig;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.HlsPath;
import io.streamhub.shared.RedisKeys;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.TreeMap;

/**
 * A room's recorded sessions that are still playable as VOD, newest first, each with the URL that
 * names it ({@code /hls/<app>/<room>/vod-<session>.m3u8}), from what the origins advertise
 * ({@link RedisKeys#sessions}).
 */
@ApplicationScoped
public class Recordings {

    private final RedisDataSource redis;
    private final RedisKeys keys;
    private final ServiceConfig config;

    public Recordings(RedisDataSource redis, RedisKeys keys, ServiceConfig config) {
        this.redis = redis;
        this.keys = keys;
        this.config = config;
    }

    public ArrayNode of(RoomId room, EffectiveAppConfig app) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (!app.vod().enabled() || app.push().isPresent()) {
            return out;
        }
        Map<String, String> advertised = redis.hash(String.class).hgetall(keys.sessions(room));
        String base = Playback.trim(app.distribution().cdn().flatMap(EffectiveAppConfig.Cdn::baseUrl).orElse(config.publicHlsUrl()));
        TreeMap<String, String> newestFirst = new TreeMap<>(java.util.Comparator.reverseOrder());
        advertised.forEach((session, node) -> {
            if (HlsLayout.isSession(session)) { // a hash field is never trusted to be a name
                newestFirst.put(session, node);
            }
        });
        for (String session : newestFirst.keySet()) {
            out.addObject().put("session", session)
                    .put("url", base + HlsPath.PREFIX + room.app() + '/' + room.room() + '/' + HlsLayout.vodPlaylist(session));
        }
        return out;
    }
}
