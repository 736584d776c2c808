package io.streamhub.egress.reconcile;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.HlsEgressRequest;
import io.streamhub.egress.rooms.RoomState;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RoomId;
import io.streamhub.shared.app.EffectiveAppConfig;
import java.util.Optional;

/**
 * The egress request for one rendition of a room, with its output where {@link HlsLayout} says the
 * origin router finds it, and the inverse: which rendition an egress listed by LiveKit writes.
 */
final class EgressRequests {

    private EgressRequests() {
    }

    static HlsEgressRequest of(RoomState s, EffectiveAppConfig.Hls plan, String rendition, OrchestratorConfig config) {
        String dir = HlsLayout.roomFolder(s.room()) + plan.folderOf(rendition);
        return new HlsEgressRequest(s.room().livekitRoomName(config.roomNameSeparator()), rendition, plan.segmentSeconds(),
                dir + HlsLayout.segmentPrefix(s.generation()), dir + config.hls().playlistName(), dir + config.hls().livePlaylistName(),
                plan.trackComposite(), Optional.of(s.audioTrackId()).filter(t -> !t.isEmpty()),
                Optional.of(s.videoTrackId()).filter(t -> !t.isEmpty()));
    }

    /** The rendition an egress writes, from its segment prefix; null if it is not one this plan wants. */
    static String renditionOf(RoomId room, EffectiveAppConfig.Hls plan, String prefix) {
        String dir = HlsLayout.roomFolder(room);
        if (prefix == null || !prefix.startsWith(dir)) {
            return null;
        }
        String rest = prefix.substring(dir.length());
        for (String r : plan.renditions()) {
            String folder = plan.folderOf(r);
            if (rest.startsWith(folder) && rest.indexOf('/', folder.length()) < 0) {
                return r;
            }
        }
        return null;
    }
}
