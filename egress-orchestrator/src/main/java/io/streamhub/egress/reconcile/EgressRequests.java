package io.streamhub.egress.reconcile;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.HlsEgressRequest;
import io.streamhub.egress.driver.S3Upload;
import io.streamhub.egress.rooms.EgressPlan;
import io.streamhub.egress.rooms.RoomState;
import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.RoomId;
import java.util.Optional;

/**
 * The egress request for one rendition of a room, with its output where {@link HlsLayout} says the
 * origin router (or, pushed, the bucket's public URL) finds it, and the inverse: which rendition an
 * egress listed by LiveKit writes.
 */
final class EgressRequests {

    private EgressRequests() {
    }

    static HlsEgressRequest of(RoomState s, EgressPlan plan, String rendition, OrchestratorConfig config, Optional<S3Upload> upload) {
        String dir = plan.roomFolder(s.room()) + plan.hls().folderOf(rendition);
        return new HlsEgressRequest(s.room().livekitRoomName(config.roomNameSeparator()), rendition, plan.hls().segmentSeconds(),
                dir + HlsLayout.segmentPrefix(s.session(), s.generation()), dir + HlsLayout.recordingPlaylist(s.session(), s.generation()),
                dir + config.hls().livePlaylistName(), plan.hls().trackComposite(), Optional.of(s.audioTrackId()).filter(t -> !t.isEmpty()),
                Optional.of(s.videoTrackId()).filter(t -> !t.isEmpty()), upload);
    }

    /** The rendition an egress writes, from its segment prefix; null if it is not one this plan wants. */
    static String renditionOf(RoomId room, EgressPlan plan, String prefix) {
        String dir = plan.roomFolder(room);
        if (prefix == null || !prefix.startsWith(dir)) {
            return null;
        }
        String rest = prefix.substring(dir.length());
        for (String r : plan.hls().renditions()) {
            String folder = plan.hls().folderOf(r);
            if (rest.startsWith(folder) && rest.indexOf('/', folder.length()) < 0) {
                return r;
            }
        }
        return null;
    }
}
