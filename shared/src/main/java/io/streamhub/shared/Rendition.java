package io.streamhub.shared;

import java.util.Arrays;
import java.util.Optional;

/**
 * The ladder presets an app's {@code hls.renditions} may name, with what every service needs of
 * them: the egress (the encoding it asks LiveKit for), the origin (the multivariant playlist's
 * {@code BANDWIDTH}, {@code RESOLUTION} and {@code CODECS}) and the cost estimator (the bitrate
 * viewers pull). One home, so the numbers cannot drift apart between services.
 *
 * <p>{@code audio} is audio-only HLS, for 24/7 radio: AAC at 128 kbit/s, about 1/24 of 720p.
 */
public enum Rendition {
    P360("360p", 640, 360, 800, 96),
    P540("540p", 960, 540, 1600, 96),
    P720("720p", 1280, 720, 3000, 128),
    P1080("1080p", 1920, 1080, 4500, 128),
    AUDIO("audio", 0, 0, 0, 128);

    private static final String VIDEO_CODECS = "avc1.640028,mp4a.40.2";
    private static final String AUDIO_CODECS = "mp4a.40.2";

    private final String wire;
    private final int width;
    private final int height;
    private final int videoKbps;
    private final int audioKbps;

    Rendition(String wire, int width, int height, int videoKbps, int audioKbps) {
        this.wire = wire;
        this.width = width;
        this.height = height;
        this.videoKbps = videoKbps;
        this.audioKbps = audioKbps;
    }

    /** The name as the app config and the rendition folder spell it. */
    public String wire() {
        return wire;
    }

    public boolean audioOnly() {
        return videoKbps == 0;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public int videoKbps() {
        return videoKbps;
    }

    public int audioKbps() {
        return audioKbps;
    }

    /** Video plus audio, in bits per second: the multivariant playlist's {@code BANDWIDTH}. */
    public int bandwidth() {
        return (videoKbps + audioKbps) * 1000;
    }

    /** What a viewer pulls, in Mbit/s: the cost estimator's bitrate for this rendition. */
    public double megabitsPerSecond() {
        return (videoKbps + audioKbps) / 1000.0;
    }

    /** {@code WIDTHxHEIGHT}, or empty for audio-only. */
    public Optional<String> resolution() {
        return audioOnly() ? Optional.empty() : Optional.of(width + "x" + height);
    }

    public String codecs() {
        return audioOnly() ? AUDIO_CODECS : VIDEO_CODECS;
    }

    public static Optional<Rendition> ofWire(String name) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(name)).findFirst();
    }
}
