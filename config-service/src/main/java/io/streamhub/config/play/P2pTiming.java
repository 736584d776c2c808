package io.streamhub.config.play;

import io.streamhub.shared.app.EffectiveAppConfig.P2pTimingOverrides;
import io.streamhub.shared.app.EffectiveAppConfig;

/**
 * The player's timing, derived from the app's segment length unless {@code p2p.timing} overrides it.
 * P2P Media Loader fetches over HTTP every segment needed within {@code highDemandTimeWindow}; its
 * defaults (15 s) cover every fresh segment of a live stream, so nothing is ever shared. The player
 * plays {@code live_sync_segments} behind the live edge: a new segment appears that many segments
 * ahead of the playhead, only the next one is urgent (HTTP), and the ones between may come from
 * peers — one to two segments of slack (docs/player.md).
 *
 * @param liveSyncSegments            hls.js {@code liveSyncDurationCount}
 * @param highDemandWindowSeconds     P2P Media Loader {@code highDemandTimeWindow}
 * @param p2pDownloadWindowSeconds    P2P Media Loader {@code p2pDownloadTimeWindow}
 */
public record P2pTiming(int segmentSeconds, int liveSyncSegments, double highDemandWindowSeconds, double p2pDownloadWindowSeconds) {

    static final int DEFAULT_LIVE_SYNC_SEGMENTS = 4;

    public static P2pTiming of(EffectiveAppConfig config) {
        int seg = config.hls().segmentSeconds();
        P2pTimingOverrides t = config.p2p().timing().orElse(null);
        int sync = t != null && t.liveSyncSegments().isPresent() ? t.liveSyncSegments().getAsInt() : DEFAULT_LIVE_SYNC_SEGMENTS;
        double high = t != null && t.highDemandWindowSeconds().isPresent() ? t.highDemandWindowSeconds().getAsDouble() : seg;
        double window = t != null && t.p2pDownloadWindowSeconds().isPresent() ? t.p2pDownloadWindowSeconds().getAsDouble()
                : (double) (sync - 1) * seg;
        return new P2pTiming(seg, sync, high, window);
    }
}
