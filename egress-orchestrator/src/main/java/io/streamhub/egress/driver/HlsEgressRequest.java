package io.streamhub.egress.driver;

import java.util.Optional;

/**
 * One HLS egress for one rendition of a room. Paths are relative to the egress's output root
 * (the origin router's data dir): {@code apps/<app>/hls/<room>/[<rendition>/]}; for a pushed app they
 * are keys in the bucket, {@code <prefix><room>/[<rendition>/]}.
 *
 * @param filenamePrefix  segment prefix, carrying the generation so a restarted egress never reuses
 *                        the name of a segment a CDN may have cached
 * @param videoTrackId    for track-composite egress; empty for room-composite
 * @param upload          for a pushed app, the bucket the paths are keys in; empty: the node's disk
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
        Optional<String> videoTrackId,
        Optional<S3Upload> upload) {
}
