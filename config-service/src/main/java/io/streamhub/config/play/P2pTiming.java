package io.streamhub.config.play;

import io.streamhub.shared.app.EffectiveAppConfig.P2pTimingOverrides;
import io.streamhub.shared.app.EffectiveAppConfig;

/**
 * The player's timing, derived from the app's segment length unless {@code p2p.timing} overrides
 * it; the model and the browser-swarm figures that chose it are in docs/player.md ("Timing").
 * <p>
 * hls.js plays {@code live_sync_segments} behind the live edge, so a new segment appears that far
 * ahead of the playhead. P2P Media Loader fetches a segment over HTTP once it is inside
 * {@code highDemandTimeWindow} (one segment: only the next one is urgent) and from a peer that has
 * it anywhere inside {@code p2pDownloadTimeWindow} ({@code live_sync_segments - 1} segments). The
 * HTTP window is the high-demand window: a wider one makes a random few viewers fetch each new
 * segment early "for the swarm", and measured, that fetched duplicates and shared less (0.62 and
 * 0.69 of all bytes for 3 and 4 viewers, against 0.67 and 0.70), so the viewer whose playhead is
 * ahead fetches, and the others take it from that viewer in the segments of slack they have left.
 *
 * @param liveSyncSegments            hls.js {@code liveSyncDurationCount}
 * @param highDemandWindowSeconds     P2P Media Loader {@code highDemandTimeWindow} and {@code httpDownloadTimeWindow}
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
