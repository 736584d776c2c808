package io.streamhub.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
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
    void theGenerationIsReadBackFromWhatTheEgressWasToldToWrite() {
        String prefix = HlsLayout.segmentPrefix(12);
        assertEquals("g12-seg", prefix);
        assertEquals(OptionalInt.of(12), HlsLayout.generationOf(prefix + "00042.ts"));
        assertEquals(OptionalInt.of(3), HlsLayout.generationOf("720p/g3-seg1.ts"));
        assertTrue(HlsLayout.generationOf("segment00042.ts").isEmpty(), "another egress's names carry none");
        assertTrue(HlsLayout.generationOf("g12/seg1.ts").isEmpty());
        assertTrue(HlsLayout.generationOf("g1234567890-seg1.ts").isEmpty(), "more digits than an int holds is not a generation");
    }
}
