package io.streamhub.egress.driver;

import java.util.Optional;

/**
 * One HLS egress for one rendition of a room. Paths are relative to the egress's output root
 * (the origin router's data dir): {@code apps/<app>/hls/<room>/[<rendition>/]}.
 *
 * @param filenamePrefix  segment prefix, carrying the generation so a restarted egress never reuses
 *                        the name of a segment a CDN may have cached
 * @param videoTrackId    for track-composite egress; empty for room-composite
 */
public record HlsEgressRequest(
        String roomName,
        String rendition,
        int segmentSeconds,
        String filenamePrefix,
        String playlistName,
        String livePlaylistName,
        boolean trackComposite,
        Optional<String> audioTrackId,
        Optional<String> videoTrackId) {
}
