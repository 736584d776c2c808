package io.streamhub.egress.livekit;

import io.streamhub.shared.Rendition;
import livekit.LivekitEgress.EncodingOptions;
import livekit.LivekitEgress.EncodingOptionsPreset;

/**
 * The ladder presets of the app config ({@code hls.renditions}, {@link Rendition}) as LiveKit
 * encodings: a preset where LiveKit has one (720p, 1080p), explicit options where it does not
 * (360p, 540p, and {@code audio}, which is also started audio-only).
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
        Rendition r = Rendition.ofWire(rendition).orElseThrow(() -> new IllegalArgumentException("unknown rendition " + rendition));
        if (preset(rendition) != null) {
            return null;
        }
        if (r.audioOnly()) {
            return EncodingOptions.newBuilder().setAudioBitrate(r.audioKbps()).setKeyFrameInterval(segmentSeconds).build();
        }
        // A keyframe at every segment boundary, so each segment starts decodable.
        return EncodingOptions.newBuilder().setWidth(r.width()).setHeight(r.height()).setFramerate(30)
                .setVideoBitrate(r.videoKbps()).setAudioBitrate(r.audioKbps()).setKeyFrameInterval(segmentSeconds).build();
    }

    /** Whether LiveKit should leave the video out (room composite's {@code audio_only}; no video track for track composite). */
    public static boolean audioOnly(String rendition) {
        return Rendition.ofWire(rendition).map(Rendition::audioOnly).orElse(false);
    }
}
