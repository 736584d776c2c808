package io.streamhub.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class HlsLayoutTest {

    @Test
    void theRoomFolderIsTheSameWhetherNamedInARequestOrResolvedOnDisk() {
        RoomId room = new RoomId("shop", "launch");
        assertEquals("apps/shop/hls/launch/", HlsLayout.roomFolder(room));
        Path data = Path.of("/data");
        assertEquals(data.resolve(HlsLayout.roomFolder(room)).normalize(),
                HlsLayout.roomDir(HlsLayout.appsRoot(data), "shop", "launch"));
        assertEquals(Path.of("/data/apps/shop/hls"), HlsLayout.hlsDir(HlsLayout.appsRoot(data), "shop"));
    }

    @Test
    void renditionFoldersOnlyWhenTheLadderHasSeveral() {
        assertEquals("", HlsLayout.renditionFolder(List.of("720p"), "720p"));
        assertEquals("360p/", HlsLayout.renditionFolder(List.of("360p", "720p"), "360p"));
    }

    @Test
    void aSessionIsNamedByTheInstantItBeganAndCarriedByEveryFileItWrites() {
        String session = HlsLayout.session(1_796_242_503_123L);
        assertEquals("20261202T201503123Z", session);
        assertTrue(HlsLayout.isSession(session));
        for (String bad : new String[] {null, "", "../etc", "20261202T201503Z", session + "/x", session.toLowerCase(java.util.Locale.ROOT)}) {
            assertTrue(!HlsLayout.isSession(bad), "not a session: " + bad);
        }
        String segment = HlsLayout.segmentPrefix(session, 3) + "00007.ts";
        assertEquals(session + "-g3-seg00007.ts", segment);
        assertEquals(Optional.of(session), HlsLayout.sessionOf(segment));
        assertEquals(Optional.of(session), HlsLayout.sessionOf("360p/" + segment));
        assertEquals(Optional.of(session), HlsLayout.sessionOf("apps/a/hls/r/" + HlsLayout.segmentPrefix(session, 3)),
                "an egress's filename prefix names its session too");
        assertEquals(OptionalInt.of(3), HlsLayout.generationOf(segment));
        String rec = HlsLayout.recordingPlaylist(session, 3);
        assertEquals("rec-" + session + "-g3.m3u8", rec);
        assertEquals(Optional.of(new HlsLayout.SessionPart(session, 3)), HlsLayout.recordingOf(rec));
        assertTrue(HlsLayout.isRecording(rec) && !HlsLayout.isRecording("live.m3u8") && !HlsLayout.isRecording("rec-x-g1.m3u8"));
        assertTrue(HlsLayout.generationOf(rec).isEmpty(), "a recording playlist is not a segment");
        assertEquals(Optional.of(session), HlsLayout.sessionOf(rec));
        assertEquals(Optional.of(session), HlsLayout.vodSessionOf(HlsLayout.vodPlaylist(session)));
        assertEquals(Optional.of(session), HlsLayout.sessionOf(HlsLayout.vodPlaylist(session)));
        assertTrue(HlsLayout.sessionOf("live.m3u8").isEmpty() && HlsLayout.sessionOf("g1-seg00001.ts").isEmpty());
        assertTrue(HlsLayout.vodSessionOf("vod-../x.m3u8").isEmpty());
    }

    @Test
    void theGenerationIsReadBackFromWhatTheEgressWasToldToWrite() {
        String prefix = HlsLayout.segmentPrefix("20261202T201503123Z", 12);
        assertEquals("20261202T201503123Z-g12-seg", prefix);
        assertEquals(OptionalInt.of(12), HlsLayout.generationOf(prefix + "00042.ts"));
        assertEquals(OptionalInt.of(12), HlsLayout.generationOf("g12-seg00042.ts"), "names from before sessions still carry theirs");
        assertEquals(OptionalInt.of(3), HlsLayout.generationOf("720p/g3-seg1.ts"));
        assertTrue(HlsLayout.generationOf("segment00042.ts").isEmpty(), "another egress's names carry none");
        assertTrue(HlsLayout.generationOf("g12/seg1.ts").isEmpty());
        assertTrue(HlsLayout.generationOf("g1234567890-seg1.ts").isEmpty(), "more digits than an int holds is not a generation");
    }
}
