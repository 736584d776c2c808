package io.streamhub.router.origin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.router.support.Playlist;
import io.streamhub.router.support.RoomFiles;
import io.streamhub.shared.HlsLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's VOD playlist is its egress generations' recordings joined, growing while live and ended after. */
class VodPlaylistTest {

    static final String TODAY = "20261202T201503123Z";
    static final String YESTERDAY = "20261201T201503123Z";

    @TempDir
    Path data;

    @Test
    void theGenerationsOfOneSessionAreJoinedInOrderAndOtherSessionsLeftOut() throws Exception {
        RoomFiles room = new RoomFiles(data, "talks", "keynote");
        // Written out of order; generation 10 sorts after 2, not between 1 and 2.
        room.write(HlsLayout.recordingPlaylist(TODAY, 10), Playlist.live(2, TODAY + "-g10-seg", 0, 2) + "#EXT-X-ENDLIST\n");
        room.write(HlsLayout.recordingPlaylist(TODAY, 1), Playlist.live(2, TODAY + "-g1-seg", 0, 3));
        room.write(HlsLayout.recordingPlaylist(TODAY, 2), Playlist.live(4, TODAY + "-g2-seg", 0, 1));
        room.write(HlsLayout.recordingPlaylist(YESTERDAY, 1), Playlist.live(2, YESTERDAY + "-g1-seg", 0, 5));
        room.write("live.m3u8", Playlist.live(2, TODAY + "-g10-seg", 0, 2));

        VodPlaylist.Found found = VodPlaylist.build(room.dir(), TODAY, System.currentTimeMillis()).orElseThrow();
        List<String> uris = Playlist.segmentUris(found.text());
        assertEquals(List.of(TODAY + "-g1-seg0.ts", TODAY + "-g1-seg1.ts", TODAY + "-g1-seg2.ts", TODAY + "-g2-seg0.ts",
                TODAY + "-g10-seg0.ts", TODAY + "-g10-seg1.ts"), uris);
        assertEquals(2, found.text().split("#EXT-X-DISCONTINUITY\n", -1).length - 1, "a discontinuity where a generation begins");
        assertTrue(found.ended(), "the last generation's egress stopped: ENDLIST");
        assertTrue(found.text().contains("#EXT-X-PLAYLIST-TYPE:VOD\n") && found.text().endsWith("#EXT-X-ENDLIST\n"));
        assertTrue(found.text().contains("#EXT-X-TARGETDURATION:4\n"), "the longest target of the parts");
        assertEquals(5, Playlist.segmentUris(VodPlaylist.build(room.dir(), YESTERDAY, System.currentTimeMillis()).orElseThrow().text()).size());
        assertTrue(VodPlaylist.build(room.dir(), "20200101T000000000Z", System.currentTimeMillis()).isEmpty(), "no such session");
        assertTrue(VodPlaylist.build(data.resolve("nowhere"), TODAY, System.currentTimeMillis()).isEmpty());
    }

    @Test
    void aSessionStillBeingWrittenIsAGrowingEventPlaylistUntilItStopsChanging() throws Exception {
        RoomFiles room = new RoomFiles(data, "talks", "live");
        String name = HlsLayout.recordingPlaylist(TODAY, 1);
        room.write(name, Playlist.live(2, TODAY + "-g1-seg", 0, 3));
        long now = System.currentTimeMillis();
        Files.setLastModifiedTime(room.dir().resolve(name), FileTime.fromMillis(now - 1_000));
        VodPlaylist.Found live = VodPlaylist.build(room.dir(), TODAY, now).orElseThrow();
        assertFalse(live.ended());
        assertTrue(live.text().contains("#EXT-X-PLAYLIST-TYPE:EVENT\n") && !live.text().contains("#EXT-X-ENDLIST"), live.text());
        // The egress died without ending it: three target durations of silence end it.
        VodPlaylist.Found dead = VodPlaylist.build(room.dir(), TODAY, now + 7_000).orElseThrow();
        assertTrue(dead.ended() && dead.text().endsWith("#EXT-X-ENDLIST\n"), dead.text());
        assertEquals(now - 1_000, dead.lastModifiedMillis(), 1_000, "the retention counts from the last change");
    }
}
