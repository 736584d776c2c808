package io.streamhub.egress.simulated;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The shipped test media: six 2-second MPEG-TS segments (320×180 H.264 test pattern, 440 Hz AAC
 * tone, a keyframe at each start) made once with ffmpeg and kept in {@code resources/simulated/};
 * and the same six with the audio only ({@code simulated/audio/}, {@code ffmpeg -map 0:a -c copy
 * -copyts}), for the {@code audio} rendition, as LiveKit's audio-only egress would write.
 */
public final class SampleMedia {

    public static final int COUNT = 6;
    public static final double SECONDS = 2.0;

    private SampleMedia() {
    }

    public static List<byte[]> load(boolean audioOnly) {
        List<byte[]> samples = new ArrayList<>(COUNT);
        for (int i = 0; i < COUNT; i++) {
            String name = (audioOnly ? "simulated/audio/sample" : "simulated/sample") + i + ".ts";
            try (InputStream in = SampleMedia.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("missing resource " + name);
                }
                samples.add(in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return samples;
    }
}
