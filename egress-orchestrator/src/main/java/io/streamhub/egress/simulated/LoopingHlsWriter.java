package io.streamhub.egress.simulated;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Writes a live HLS stream the way an egress does, from looping sample segments: numbered segment
 * files, a sliding live playlist and the recording playlist, each replaced whole ({@link HlsSink}). A segment is
 * {@code samplesPerSegment} consecutive samples (the app's {@code segment_seconds} in whole
 * samples), written once that much time has passed, as an encoder emits it. The sample loop
 * restarts its timestamps, so a segment never spans the wrap (the one before it may be shorter),
 * every wrap is marked {@code #EXT-X-DISCONTINUITY}, and the live playlist keeps
 * {@code #EXT-X-DISCONTINUITY-SEQUENCE} as discontinuities slide out of it. The recording lists the
 * last {@code keep} segments: the whole live up to that bound, as LiveKit's {@code playlist_name}
 * lists it, and {@link #finish} ends it with {@code #EXT-X-ENDLIST} when the egress stops.
 */
public final class LoopingHlsWriter {

    private record Entry(long sequence, String file, boolean discontinuity, int samples) {
    }

    private final HlsSink sink;
    private final String segmentPrefix;
    private final String livePlaylist;
    private final String fullPlaylist;
    private final List<byte[]> samples;
    private final int liveWindow;
    private final int keep;
    private final int samplesPerSegment;
    private final Deque<Entry> kept = new ArrayDeque<>();
    private long next;
    private long discontinuitiesBeforeKept;
    private int segmentStart;
    private int pending;

    private boolean finished;

    LoopingHlsWriter(HlsSink sink, String segmentPrefix, String livePlaylist, String fullPlaylist,
                     List<byte[]> samples, int samplesPerSegment, int liveWindow, int keep) {
        this.sink = sink;
        this.segmentPrefix = segmentPrefix;
        this.livePlaylist = livePlaylist;
        this.fullPlaylist = fullPlaylist;
        this.samples = samples;
        this.liveWindow = liveWindow;
        this.keep = Math.max(keep, liveWindow);
        this.samplesPerSegment = Math.max(1, Math.min(samplesPerSegment, samples.size()));
    }

    /** The segment length it writes, in samples: at most the sample loop. */
    public int samplesPerSegment() {
        return samplesPerSegment;
    }

    /** One sample's time has passed: writes the segment (and both playlists) once it is complete. */
    public synchronized void tick() throws IOException {
        if (finished) {
            return;
        }
        pending++;
        if (pending < samplesPerSegment && segmentStart + pending < samples.size()) {
            return;
        }
        long seq = next++;
        String file = segmentPrefix + String.format(Locale.ROOT, "%05d", seq) + ".ts";
        ByteArrayOutputStream ts = new ByteArrayOutputStream();
        for (int i = segmentStart; i < segmentStart + pending; i++) {
            ts.writeBytes(samples.get(i)); // consecutive samples of one encode: MPEG-TS concatenates
        }
        sink.put(file, ts.toByteArray());
        kept.addLast(new Entry(seq, file, seq > 0 && segmentStart == 0, pending));
        segmentStart = (segmentStart + pending) % samples.size();
        pending = 0;
        while (kept.size() > keep) {
            Entry old = kept.removeFirst();
            if (old.discontinuity) {
                discontinuitiesBeforeKept++;
            }
            sink.delete(old.file);
        }
        sink.put(fullPlaylist, playlist(kept.size(), false).getBytes(StandardCharsets.UTF_8));
        sink.put(livePlaylist, playlist(liveWindow, false).getBytes(StandardCharsets.UTF_8));
    }

    /** The egress stopped: the recording gets its end, and nothing more is written. */
    public synchronized void finish() throws IOException {
        if (finished) {
            return;
        }
        finished = true;
        if (!kept.isEmpty()) {
            sink.put(fullPlaylist, playlist(kept.size(), true).getBytes(StandardCharsets.UTF_8));
        }
    }

    /** The newest {@code count} kept segments as a playlist. */
    private String playlist(int count, boolean ended) {
        Entry[] all = kept.toArray(new Entry[0]);
        int from = Math.max(0, all.length - count);
        // The first listed segment's number counts every discontinuity up to and including its own.
        long discontinuitySequence = discontinuitiesBeforeKept + Arrays.stream(all, 0, from + 1).filter(Entry::discontinuity).count();
        StringBuilder p = new StringBuilder(256)
                .append("#EXTM3U\n#EXT-X-VERSION:3\n")
                .append("#EXT-X-TARGETDURATION:").append((long) Math.ceil(samplesPerSegment * SampleMedia.SECONDS)).append('\n')
                .append("#EXT-X-MEDIA-SEQUENCE:").append(all[from].sequence).append('\n')
                .append("#EXT-X-DISCONTINUITY-SEQUENCE:").append(discontinuitySequence).append('\n');
        for (int i = from; i < all.length; i++) {
            if (all[i].discontinuity && i > from) {
                p.append("#EXT-X-DISCONTINUITY\n");
            }
            p.append(String.format(Locale.ROOT, "#EXTINF:%.3f,", all[i].samples * SampleMedia.SECONDS)).append('\n').append(all[i].file).append('\n');
        }
        return ended ? p.append("#EXT-X-ENDLIST\n").toString() : p.toString();
    }
}
