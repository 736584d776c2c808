package io.streamhub.egress.simulated;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.egress.config.OrchestratorConfig;
import io.streamhub.egress.driver.EgressApiException;
import io.streamhub.egress.driver.HlsEgressRequest;
import io.streamhub.egress.driver.MediaNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated egress writes a live HLS stream a player can play: valid playlists, decodable MPEG-TS. */
class SimulatedEgressTest {

    @TempDir
    Path dir;

    /** One parsed media playlist. */
    record Playlist(int targetDuration, long mediaSequence, long discontinuitySequence, List<Double> durations,
                    List<String> files, List<Integer> discontinuitiesBefore) {

        static Playlist parse(String text) {
            assertTrue(text.startsWith("#EXTM3U\n"), "starts with #EXTM3U");
            int target = -1;
            long seq = -1;
            long disc = 0;
            List<Double> durations = new ArrayList<>();
            List<String> files = new ArrayList<>();
            List<Integer> discs = new ArrayList<>();
            boolean pendingDisc = false;
            for (String line : text.split("\n")) {
                if (line.startsWith("#EXT-X-TARGETDURATION:")) {
                    target = Integer.parseInt(line.substring(22));
                } else if (line.startsWith("#EXT-X-MEDIA-SEQUENCE:")) {
                    seq = Long.parseLong(line.substring(22));
                } else if (line.startsWith("#EXT-X-DISCONTINUITY-SEQUENCE:")) {
                    disc = Long.parseLong(line.substring(30));
                } else if (line.equals("#EXT-X-DISCONTINUITY")) {
                    pendingDisc = true;
                } else if (line.startsWith("#EXTINF:")) {
                    durations.add(Double.parseDouble(line.substring(8, line.indexOf(','))));
                } else if (!line.isEmpty() && !line.startsWith("#")) {
                    files.add(line);
                    if (pendingDisc) {
                        discs.add(files.size() - 1);
                    }
                    pendingDisc = false;
                }
            }
            assertTrue(target > 0 && seq >= 0, "target duration and media sequence present");
            assertEquals(files.size(), durations.size(), "one EXTINF per segment");
            return new Playlist(target, seq, disc, durations, files, discs);
        }
    }

    @Test
    void theLivePlaylistSlidesWithCorrectSequenceAndDiscontinuities() throws Exception {
        LoopingHlsWriter w = new LoopingHlsWriter(new FolderSink(dir), "g1-seg", "live.m3u8", "full.m3u8", SampleMedia.load(false), 1, 6, 10);
        long previousSeq = -1;
        for (int n = 1; n <= 20; n++) {
            w.tick();
            Playlist live = Playlist.parse(Files.readString(dir.resolve("live.m3u8")));
            for (double d : live.durations) {
                assertTrue(Math.round(d) <= live.targetDuration, "EXTINF rounded never exceeds the target duration");
            }
            assertEquals(Math.min(n, 6), live.files.size());
            assertEquals(Math.max(0, n - 6), live.mediaSequence, "media sequence = first listed segment");
            assertTrue(live.mediaSequence >= previousSeq, "media sequence never goes back");
            previousSeq = live.mediaSequence;
            for (int i = 0; i < live.files.size(); i++) {
                long seq = live.mediaSequence + i;
                assertEquals(String.format("g1-seg%05d.ts", seq), live.files.get(i));
                assertTrue(Files.exists(dir.resolve(live.files.get(i))), "listed segments exist");
                // The sample loop restarts its timestamps every 6 segments: marked, except on the first line.
                boolean wrap = seq > 0 && seq % 6 == 0;
                assertEquals(wrap && i > 0, live.discontinuitiesBefore.contains(i), "discontinuity before " + seq);
            }
            // Discontinuity sequence = wraps up to and including the first listed segment.
            assertEquals(live.mediaSequence / 6, live.discontinuitySequence, "discontinuity sequence at " + n);
        }
        try (var files = Files.list(dir)) {
            assertEquals(10 + 2, files.filter(f -> !f.getFileName().toString().startsWith(".")).count(), "old segments are deleted");
        }
        Playlist full = Playlist.parse(Files.readString(dir.resolve("full.m3u8")));
        assertEquals(10, full.files.size());
        assertFalse(Files.readString(dir.resolve("full.m3u8")).contains("#EXT-X-ENDLIST"), "a recording in progress has no end");
        w.finish();
        String ended = Files.readString(dir.resolve("full.m3u8"));
        assertTrue(ended.endsWith("#EXT-X-ENDLIST\n"), "a stopped egress ends its recording: " + ended);
        assertEquals(full.files, Playlist.parse(ended).files, "and it lists what it listed");
        w.tick();
        assertEquals(ended, Files.readString(dir.resolve("full.m3u8")), "a finished writer writes nothing more");
    }

    @Test
    void longerSegmentsAreWholeSamplesThatNeverSpanTheLoopsWrap() throws Exception {
        List<byte[]> samples = SampleMedia.load(false);
        // 6-s segments: three samples each, two per loop, a discontinuity at every loop.
        LoopingHlsWriter six = new LoopingHlsWriter(new FolderSink(dir.resolve("six")), "g1-seg", "live.m3u8", "full.m3u8", samples, 3, 6, 10);
        for (int tick = 1; tick <= 2; tick++) {
            six.tick();
        }
        assertFalse(Files.exists(dir.resolve("six/live.m3u8")), "nothing is written before a whole segment has passed");
        for (int tick = 3; tick <= 18; tick++) {
            six.tick();
        }
        Playlist live = Playlist.parse(Files.readString(dir.resolve("six/live.m3u8")));
        assertEquals(6, live.targetDuration);
        assertEquals(List.of(6.0, 6.0, 6.0, 6.0, 6.0, 6.0), live.durations);
        assertEquals(List.of(2, 4), live.discontinuitiesBefore, "a wrap every second segment");
        byte[] first = Files.readAllBytes(dir.resolve("six/g1-seg00000.ts"));
        assertEquals(samples.get(0).length + samples.get(1).length + samples.get(2).length, first.length, "three samples in order");

        // 8-s segments do not divide the 12-s loop: 8 s, then the loop's last 4 s, then the wrap.
        LoopingHlsWriter eight = new LoopingHlsWriter(new FolderSink(dir.resolve("eight")), "g1-seg", "live.m3u8", "full.m3u8", samples, 4, 6, 10);
        for (int tick = 1; tick <= 12; tick++) {
            eight.tick();
        }
        Playlist p = Playlist.parse(Files.readString(dir.resolve("eight/live.m3u8")));
        assertEquals(8, p.targetDuration);
        assertEquals(List.of(8.0, 4.0, 8.0, 4.0), p.durations);
        assertEquals(List.of(2), p.discontinuitiesBefore);
        for (double d : p.durations) {
            assertTrue(d <= p.targetDuration);
        }
        // Longer than the loop cannot be made without crossing the wrap: the loop is the longest segment.
        assertEquals(samples.size(), new LoopingHlsWriter(new FolderSink(dir), "x", "l.m3u8", "f.m3u8", samples, 15, 6, 10).samplesPerSegment());
    }

    @Test
    void segmentsAreDecodableMpegTs() throws Exception {
        LoopingHlsWriter w = new LoopingHlsWriter(new FolderSink(dir), "seg", "live.m3u8", "full.m3u8", SampleMedia.load(false), 1, 6, 10);
        for (int i = 0; i < 6; i++) {
            w.tick();
        }
        for (int i = 0; i < 6; i++) {
            byte[] ts = Files.readAllBytes(dir.resolve(String.format("seg%05d.ts", i)));
            assertEquals(0, ts.length % 188, "whole 188-byte packets");
            boolean pat = false;
            for (int p = 0; p < ts.length; p += 188) {
                assertEquals(0x47, ts[p] & 0xFF, "sync byte at packet " + p / 188);
                int pid = ((ts[p + 1] & 0x1F) << 8) | (ts[p + 2] & 0xFF);
                pat |= pid == 0;
            }
            assertTrue(pat, "a program association table");
        }
        Optional<Path> ffprobe = which("ffprobe");
        if (ffprobe.isPresent()) {
            // Decode the stream through its playlist, the way a player would, and check what comes out.
            Process p = new ProcessBuilder(ffprobe.get().toString(), "-v", "error", "-show_entries", "stream=codec_name,width,height",
                    "-of", "csv=p=0", dir.resolve("full.m3u8").toString()).redirectErrorStream(true).start();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            String out = new String(p.getInputStream().readAllBytes());
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("h264,320,180") && out.contains("aac"), out);
        }
    }

    @Test
    void theSimulatedApiStartsListsAndStopsStreamsInsideItsDataDir() throws Exception {
        SimulatedEgressApi api = new SimulatedEgressApi(simulated(dir, List.of("demo:room")));
        MediaNode node = new MediaNode("local", "simulated", "", "");
        assertEquals("demo:room", api.listRooms(node).get(0).name());
        String id = api.startHls(node, request("apps/demo/hls/room/g1-seg"));
        assertEquals(1, api.listActive(node, "demo:room").size());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(dir.resolve("apps/demo/hls/room/live.m3u8")));
        api.stop(node, id);
        assertTrue(api.listActive(node, "demo:room").isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> Files.readString(dir.resolve("apps/demo/hls/room/full.m3u8")).contains("#EXT-X-ENDLIST"));
        assertThrows(EgressApiException.class, () -> api.stop(node, id));
        EgressApiException e = assertThrows(EgressApiException.class, () -> api.startHls(node, request("../../etc/g1-seg")));
        assertTrue(e.getMessage().contains("outside the data dir"));
        assertFalse(Files.exists(dir.getParent().resolve("etc")));
    }

    static HlsEgressRequest request(String prefix) {
        String folder = prefix.substring(0, prefix.lastIndexOf('/') + 1);
        return new HlsEgressRequest("demo:room", "720p", 2, prefix, folder + "full.m3u8", folder + "live.m3u8",
                false, Optional.empty(), Optional.empty(), Optional.empty());
    }

    static OrchestratorConfig.Simulated simulated(Path dataDir, List<String> rooms) {
        return new OrchestratorConfig.Simulated() {
            @Override
            public String dataDir() {
                return dataDir.toString();
            }

            @Override
            public int keepSegments() {
                return 10;
            }

            @Override
            public int liveWindow() {
                return 6;
            }

            @Override
            public Optional<List<String>> rooms() {
                return Optional.of(rooms);
            }

            @Override
            public Duration segmentInterval() {
                return Duration.ofMillis(50);
            }
        };
    }

    static Optional<Path> which(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path p = Path.of(d, tool);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
