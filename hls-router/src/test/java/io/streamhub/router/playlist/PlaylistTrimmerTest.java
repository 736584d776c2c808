package io.streamhub.router.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.router.support.Playlist;
import org.junit.jupiter.api.Test;

class PlaylistTrimmerTest {

    @Test
    void keepsTheNewestSegmentsAndAdvancesTheMediaSequence() {
        String trimmed = PlaylistTrimmer.trim(Playlist.live(2, 100, 8), 3);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:105
                #EXTINF:2.000,
                seg105.ts
                #EXTINF:2.000,
                seg106.ts
                #EXTINF:2.000,
                seg107.ts
                """, trimmed);
    }

    @Test
    void leavesShortPlaylistsAndMultivariantPlaylistsAlone() {
        String live = Playlist.live(2, 0, 3);
        assertSame(live, PlaylistTrimmer.trim(live, 3));
        String master = "#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=2500000\n720p/index.m3u8\n";
        assertSame(master, PlaylistTrimmer.trim(master, 1));
    }

    @Test
    void countsDroppedDiscontinuitiesAndCarriesMapAndKey() {
        String in = """
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:7
                #EXT-X-DISCONTINUITY-SEQUENCE:2
                #EXT-X-PLAYLIST-TYPE:EVENT
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-KEY:METHOD=NONE
                #EXTINF:4.0,
                a.m4s
                #EXT-X-DISCONTINUITY
                #EXTINF:4.0,
                b.m4s
                #EXT-X-PROGRAM-DATE-TIME:2026-11-28T00:00:08Z
                #EXTINF:4.0,
                c.m4s
                #EXTINF:4.0,
                d.m4s
                """;
        String out = PlaylistTrimmer.trim(in, 2);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:7
                #EXT-X-TARGETDURATION:4
                #EXT-X-MEDIA-SEQUENCE:9
                #EXT-X-DISCONTINUITY-SEQUENCE:3
                #EXT-X-KEY:METHOD=NONE
                #EXT-X-MAP:URI="init.mp4"
                #EXT-X-PROGRAM-DATE-TIME:2026-11-28T00:00:08Z
                #EXTINF:4.0,
                c.m4s
                #EXTINF:4.0,
                d.m4s
                """, out);
        assertFalse(out.contains("PLAYLIST-TYPE"), "a trimmed playlist is no EVENT playlist");
    }

    @Test
    void keepsTheEndListAndToleratesCrLf() {
        String in = Playlist.live(1, 0, 4).replace("\n", "\r\n") + "#EXT-X-ENDLIST\r\n";
        String out = PlaylistTrimmer.trim(in, 2);
        assertTrue(out.endsWith("seg3.ts\n#EXT-X-ENDLIST\n"), out);
        assertTrue(out.contains("#EXT-X-MEDIA-SEQUENCE:2\n"), out);
    }

    @Test
    void readsTheTargetDuration() {
        assertEquals(6, Playlists.targetDurationSeconds(Playlist.live(6, 0, 1)));
        assertEquals(-1, Playlists.targetDurationSeconds("#EXTM3U\n"));
        assertEquals(-1, Playlists.targetDurationSeconds("#EXT-X-TARGETDURATION:abc\n"));
    }
}
