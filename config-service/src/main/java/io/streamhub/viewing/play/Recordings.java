package io.streamhub.viewing.play;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.streamhub.config.settings.ServiceConfig;
import io.streamhub.redis.state.SessionAdvertisements;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.HlsPath;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.SessionAdvertisement;
import io.streamhub.shared.app.EffectiveAppConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Comparator;
import java.util.TreeSet;

/**
 * A room's recorded sessions that are still playable as VOD, newest first, each with the URL that
 * names it ({@code /hls/<app>/<room>/vod-<session>.m3u8}), from what the origins advertise
 * ({@link SessionAdvertisements}).
 */
@ApplicationScoped
public class Recordings {

    private final SessionAdvertisements advertisements;
    private final ServiceConfig config;

    public Recordings(SessionAdvertisements advertisements, ServiceConfig config) {
        this.advertisements = advertisements;
        this.config = config;
    }

    public ArrayNode of(RoomId room, EffectiveAppConfig app) {
        ArrayNode out = JsonNodeFactory.instance.arrayNode();
        if (!app.vod().enabled() || app.push().isPresent()) {
            return out;
        }
        String base = Playback.trim(app.distribution().cdn().flatMap(EffectiveAppConfig.Cdn::baseUrl).orElse(config.publicHlsUrl()));
        TreeSet<String> newestFirst = new TreeSet<>(Comparator.reverseOrder());
        advertisements.read(room).stream().filter(SessionAdvertisement::newest).forEach(a -> newestFirst.add(a.session()));
        for (String session : newestFirst) {
            out.addObject().put("session", session)
                    .put("url", base + HlsPath.PREFIX + room.app() + '/' + room.room() + '/' + HlsLayout.vodPlaylist(session));
        }
        return out;
    }
}
