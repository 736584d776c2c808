package io.streamhub.egress.livekit;

import livekit.LivekitEgress.EncodingOptions;
import livekit.LivekitEgress.EncodingOptionsPreset;

/**
 * The ladder names of the app config ({@code hls.renditions}) as LiveKit encodings: a preset where
 * LiveKit has one (720p, 1080p), explicit options where it does not (360p, 540p).
 */
public final class Renditions {

    private Renditions() {
    }

    /** The preset for a rendition, or {@code null} if it needs explicit options. */
    public static EncodingOptionsPreset preset(String rendition) {
        return switch (rendition) {
            case "720p" -> EncodingOptionsPreset.H264_720P_30;
            case "1080p" -> EncodingOptionsPreset.H264_1080P_30;
            default -> null;
        };
    }

    /** Explicit options for renditions without a preset, or {@code null}. */
    public static EncodingOptions options(String rendition, int segmentSeconds) {
        return switch (rendition) {
            case "360p" -> ladder(640, 360, 800, segmentSeconds);
            case "540p" -> ladder(960, 540, 1600, segmentSeconds);
            default -> null;
        };
    }

    private static EncodingOptions ladder(int width, int height, int videoKbps, int segmentSeconds) {
        // A keyframe at every segment boundary, so each segment starts decodable.
        return EncodingOptions.newBuilder().setWidth(width).setHeight(height).setFramerate(30)
                .setVideoBitrate(videoKbps).setAudioBitrate(96).setKeyFrameInterval(segmentSeconds).build();
    }
}
