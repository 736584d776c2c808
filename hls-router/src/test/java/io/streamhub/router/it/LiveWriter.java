package io.streamhub.router.it;

import io.streamhub.router.support.RoomFiles;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for an egress: one new segment per second and a sliding live playlist of the last
 * five, written into whichever node's data folder it is pointed at.
 */
final class LiveWriter implements AutoCloseable {

    static final int WINDOW = 5;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final String app;
    private final String room;
    private volatile RoomFiles target;
    private volatile long next;

    LiveWriter(Path dataDir, String app, String room) {
        this.app = app;
        this.room = room;
        this.target = new RoomFiles(dataDir, app, room);
        timer.scheduleAtFixedRate(this::writeSegment, 0, 1, TimeUnit.SECONDS);
    }

    /** The egress moved: continue the same stream on another node. Returns the first sequence written there. */
    synchronized long moveTo(Path dataDir) {
        target = new RoomFiles(dataDir, app, room);
        return next;
    }

    /** Newest media sequence number written. */
    long newestSequence() {
        return next - 1;
    }

    static byte[] segment(long sequence) {
        byte[] b = new byte[64 * 1024];
        new Random(sequence).nextBytes(b);
        return b;
    }

    private synchronized void writeSegment() {
        long seq = next;
        RoomFiles files = target;
        files.write("seg" + seq + ".ts", segment(seq));
        long first = Math.max(0, seq - WINDOW + 1);
        StringBuilder p = new StringBuilder("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:1\n#EXT-X-MEDIA-SEQUENCE:")
                .append(first).append('\n');
        for (long s = first; s <= seq; s++) {
            p.append("#EXTINF:1.000,\nseg").append(s).append(".ts\n");
        }
        files.write("live.m3u8", p.toString());
        next = seq + 1;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
