package io.streamhub.config.apps;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The player's timing, derived from the app's segment length unless {@code p2p.timing} overrides it.
 * P2P Media Loader fetches over HTTP every segment needed within {@code highDemandTimeWindow}; its
 * defaults (15 s) cover every fresh segment of a live stream, so nothing is ever shared. The player
 * plays {@code live_sync_segments} behind the live edge: a new segment appears that many segments
 * ahead of the playhead, only the next one is urgent (HTTP), and the ones between may come from
 * peers — one to two segments of slack (design §1).
 *
 * @param liveSyncSegments            hls.js {@code liveSyncDurationCount}
 * @param highDemandWindowSeconds     P2P Media Loader {@code highDemandTimeWindow}
 * @param p2pDownloadWindowSeconds    P2P Media Loader {@code p2pDownloadTimeWindow}
 */
public record P2pTiming(int segmentSeconds, int liveSyncSegments, double highDemandWindowSeconds, double p2pDownloadWindowSeconds) {

    static final int DEFAULT_LIVE_SYNC_SEGMENTS = 4;

    /** From an effective config (defaults merged). */
    public static P2pTiming of(JsonNode effective) {
        JsonNode d = effective.path("distribution");
        int seg = d.path("hls").path("segment_seconds").asInt(AppDefaults.SEGMENT_SECONDS);
        JsonNode t = d.path("p2p").path("timing");
        int sync = t.path("live_sync_segments").asInt(DEFAULT_LIVE_SYNC_SEGMENTS);
        double high = t.path("high_demand_window_seconds").asDouble(seg);
        double window = t.path("p2p_download_window_seconds").asDouble((double) (sync - 1) * seg);
        return new P2pTiming(seg, sync, high, window);
    }
}
