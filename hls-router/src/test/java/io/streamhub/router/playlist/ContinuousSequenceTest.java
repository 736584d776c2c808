package io.streamhub.router.playlist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.streamhub.router.support.Playlist;
import org.junit.jupiter.api.Test;

class ContinuousSequenceTest {

    @Test
    void theFirstGenerationKeepsTheEgressNumbers() {
        String egress = Playlist.live(2, "g1-seg", 100, 6);
        ContinuousSequence.Outcome o = apply(egress, null);
        assertEquals(egress, o.playlist());
        assertEquals(1, o.state().generation());
        assertEquals(106, o.state().next());
        assertEquals(0, o.state().lastDiscontinuity());
        assertFalse(o.state().marked());
    }

    @Test
    void aRestartedEgressContinuesTheNumbersAfterADiscontinuity() {
        SequenceState gen1 = apply(Playlist.live(2, "g1-seg", 100, 6), null).state();

        ContinuousSequence.Outcome restarted = apply(Playlist.live(2, "g2-seg", 0, 2), gen1);
        assertEquals("""
                #EXTM3U
                #EXT-X-VERSION:3
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:106
                #EXT-X-DISCONTINUITY
                #EXTINF:2.000,
                g2-seg0.ts
                #EXTINF:2.000,
                g2-seg1.ts
                """, restarted.playlist());
        assertEquals(108, restarted.state().next());
        assertEquals(1, restarted.state().lastDiscontinuity());

        // Once the generation's first segment has slid out, the discontinuity sequence counts it.
        ContinuousSequence.Outcome later = apply(Playlist.live(2, "g2-seg", 3, 6), restarted.state());
        assertTrue(later.playlist().contains("#EXT-X-MEDIA-SEQUENCE:109\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n#EXTINF"), later.playlist());
        assertFalse(later.playlist().contains("#EXT-X-DISCONTINUITY\n"));
        assertEquals(115, later.state().next());

        // A third generation follows on from both.
        ContinuousSequence.Outcome third = apply(Playlist.live(2, "g3-seg", 0, 1), later.state());
        assertTrue(third.playlist().contains("#EXT-X-MEDIA-SEQUENCE:115\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n#EXT-X-DISCONTINUITY\n#EXTINF"),
                third.playlist());
        assertEquals(2, third.state().lastDiscontinuity());
    }

    @Test
    void theEgresssOwnDiscontinuitiesAreKeptAndCounted() {
        String gen1 = """
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:40
                #EXT-X-DISCONTINUITY-SEQUENCE:2
                #EXTINF:2.0,
                g1-seg40.ts
                #EXT-X-DISCONTINUITY
                #EXTINF:2.0,
                g1-seg41.ts
                """;
        ContinuousSequence.Outcome first = apply(gen1, null);
        assertEquals(gen1, first.playlist());
        assertEquals(3, first.state().lastDiscontinuity());

        ContinuousSequence.Outcome second = apply(Playlist.live(2, "g2-seg", 0, 1), first.state());
        assertTrue(second.playlist().contains("#EXT-X-MEDIA-SEQUENCE:42\n#EXT-X-DISCONTINUITY-SEQUENCE:3\n#EXT-X-DISCONTINUITY\n"),
                second.playlist());
        assertEquals(4, second.state().lastDiscontinuity());
    }

    @Test
    void aPlaylistOfThePreviousGenerationReadAtTheSwitchKeepsItsNumbers() {
        SequenceState gen1 = apply(Playlist.live(2, "g1-seg", 100, 6), null).state();
        SequenceState gen2 = apply(Playlist.live(2, "g2-seg", 0, 2), gen1).state();

        ContinuousSequence.Outcome late = apply(Playlist.live(2, "g1-seg", 100, 6), gen2);
        assertEquals(100, Playlist.mediaSequence(late.playlist()));
        assertSame(gen2, late.state(), "the newer generation's state stays");

        // Anything older than that cannot be placed: left to the caller, not renumbered.
        SequenceState gen3 = apply(Playlist.live(2, "g3-seg", 0, 2), gen2).state();
        assertNull(apply(Playlist.live(2, "g1-seg", 100, 6), gen3));
    }

    @Test
    void aRenditionSeenFirstIsNumberedLikeItsSibling() {
        SequenceState gen1 = apply(Playlist.live(2, "g1-seg", 0, 6), null).state();
        SequenceState hd = apply(Playlist.live(2, "g2-seg", 0, 2), gen1).state();

        // Nobody asked for 360p during generation 1; in generation 2 it lines up with 720p.
        String sd = ContinuousSequence.apply(Playlist.live(2, "g2-seg", 1, 3), null, hd).playlist();
        String hdSame = apply(Playlist.live(2, "g2-seg", 1, 3), hd).playlist();
        assertEquals(hdSame, sd);
        assertTrue(sd.contains("#EXT-X-MEDIA-SEQUENCE:7\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n"), sd);

        // A sibling still on the previous generation: the new one follows on from it.
        String next = ContinuousSequence.apply(Playlist.live(2, "g3-seg", 0, 1), null, hd).playlist();
        assertTrue(next.contains("#EXT-X-MEDIA-SEQUENCE:8\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n#EXT-X-DISCONTINUITY\n"), next);

        // A sibling on a later generation than this playlist says nothing about it.
        assertEquals(3, Playlist.mediaSequence(ContinuousSequence.apply(Playlist.live(2, "g1-seg", 3, 2), null, hd).playlist()));
    }

    @Test
    void playlistsWithoutAGenerationOrSegmentsAreLeftAlone() {
        assertFalse(ContinuousSequence.hasGeneration(Playlist.live(2, 100, 6)), "nothing to look up for it");
        assertTrue(ContinuousSequence.hasGeneration(Playlist.live(2, "g1-seg", 100, 6)));
        assertNull(apply(Playlist.live(2, 100, 6), null));
        assertNull(apply("#EXTM3U\n#EXT-X-TARGETDURATION:2\n", null));
        assertNull(apply("#EXTM3U\n#EXT-X-STREAM-INF:BANDWIDTH=1\n720p/index.m3u8\n", null));
        assertNull(apply("#EXTM3U\n#EXT-X-MEDIA-SEQUENCE:x\n#EXTINF:2,\ng1-seg0.ts\n", null), "a corrupt sequence");
    }

    @Test
    void theTrimmerThenCountsTheDiscontinuityItCuts() {
        SequenceState gen1 = apply(Playlist.live(2, "g1-seg", 0, 10), null).state();
        String renumbered = apply(Playlist.live(2, "g2-seg", 0, 8), gen1).playlist();

        String served = PlaylistTrimmer.trim(renumbered, 6);
        assertTrue(served.contains("#EXT-X-MEDIA-SEQUENCE:12\n#EXT-X-DISCONTINUITY-SEQUENCE:1\n#EXTINF"), served);
        assertFalse(served.contains("#EXT-X-DISCONTINUITY\n"));
    }

    @Test
    void toleratesCrLfAndTagsBeforeTheFirstSegment() {
        String egress = "#EXTM3U\r\n#EXT-X-TARGETDURATION:2\r\n#EXT-X-MEDIA-SEQUENCE:0\r\n"
                + "#EXT-X-PROGRAM-DATE-TIME:2026-11-28T12:00:00Z\r\n#EXTINF:2.0,\r\nlive/g7-seg00000.ts\r\n";
        SequenceState gen6 = new SequenceState(6, 0, 0, false, 50, 0, null);
        String out = apply(egress, gen6).playlist();
        assertEquals("""
                #EXTM3U
                #EXT-X-TARGETDURATION:2
                #EXT-X-MEDIA-SEQUENCE:50
                #EXT-X-DISCONTINUITY
                #EXT-X-PROGRAM-DATE-TIME:2026-11-28T12:00:00Z
                #EXTINF:2.0,
                live/g7-seg00000.ts
                """, out);
    }

    /** A playlist with no sibling rendition to follow. */
    private static ContinuousSequence.Outcome apply(String playlist, SequenceState known) {
        return ContinuousSequence.apply(playlist, known, null);
    }
}
