package io.streamhub.config.apps;

import io.streamhub.shared.app.EffectiveAppConfig.P2pTimingOverrides;
import io.streamhub.shared.app.EffectiveAppConfig;

/**
 * The player's timing, derived from the app's segment length unless {@code p2p.timing} overrides
 * it; the model and the browser-swarm figures that chose it are in docs/player.md ("Swarm").
 * <p>
 * hls.js plays {@code live_sync_segments} behind the live edge, so a new segment appears that far
 * ahead of the playhead. P2P Media Loader fetches a segment over HTTP once it is inside
 * {@code highDemandTimeWindow} (one segment: only the next one is urgent). The seed window
 * ({@code p2pDownloadTimeWindow}, also the HTTP window) reaches past the live edge: inside it a
 * segment may come from any peer that has it, and the one viewer elected for a new segment fetches
 * it over HTTP as soon as it is listed (the player's patch of P2P Media Loader), so copies have
 * about two segments to cascade through the swarm before anyone's deadline. Measured on shaped
 * links against the earlier "viewer furthest ahead fetches" timing in docs/player.md ("Swarm").
 *
 * @param liveSyncSegments            hls.js {@code liveSyncDurationCount}
 * @param highDemandWindowSeconds     P2P Media Loader {@code highDemandTimeWindow}
 * @param p2pDownloadWindowSeconds    the seed window: P2P Media Loader {@code p2pDownloadTimeWindow} and {@code httpDownloadTimeWindow}
 */
public record P2pTiming(int segmentSeconds, int liveSyncSegments, double highDemandWindowSeconds, double p2pDownloadWindowSeconds) {

    static final int DEFAULT_LIVE_SYNC_SEGMENTS = 4;
    /**
     * The seed window reaches this many segments past the live sync point, so it holds the newest
     * listed segment for every viewer (each plays up to one extra segment behind, and the playlist
     * is refreshed a segment late at worst).
     */
    static final int SEED_WINDOW_BEYOND_SYNC = 2;

    public static P2pTiming of(EffectiveAppConfig config) {
        int seg = config.hls().segmentSeconds();
        P2pTimingOverrides t = config.p2p().timing().orElse(null);
        int sync = t != null && t.liveSyncSegments().isPresent() ? t.liveSyncSegments().getAsInt() : DEFAULT_LIVE_SYNC_SEGMENTS;
        double high = t != null && t.highDemandWindowSeconds().isPresent() ? t.highDemandWindowSeconds().getAsDouble() : seg;
        double window = t != null && t.p2pDownloadWindowSeconds().isPresent() ? t.p2pDownloadWindowSeconds().getAsDouble()
                : (double) (sync + SEED_WINDOW_BEYOND_SYNC) * seg;
        return new P2pTiming(seg, sync, high, window);
    }
}
