package io.streamhub.router.playlist;

import io.streamhub.shared.HlsLayout;
import io.streamhub.shared.Numbers;
import java.util.Arrays;
import java.util.OptionalInt;

/**
 * Renumbers an egress's live playlist onto the room's public numbering ({@link SequenceState}). The
 * egress generation is read from the segment names the orchestrator gives each egress
 * ({@link HlsLayout#generationOf}); a playlist without one (another egress, a hand-made room) is left alone.
 * When a new generation starts, its segments continue the public media sequence and its first
 * segment carries {@code #EXT-X-DISCONTINUITY} (timestamps restart with a new encoder); once that
 * segment leaves the playlist, {@code #EXT-X-DISCONTINUITY-SEQUENCE} counts it instead.
 */
public final class ContinuousSequence {

    private static final String MEDIA_SEQUENCE = "#EXT-X-MEDIA-SEQUENCE:";
    private static final String DISCONTINUITY_SEQUENCE = "#EXT-X-DISCONTINUITY-SEQUENCE:";
    private static final String DISCONTINUITY = "#EXT-X-DISCONTINUITY";
    private static final String TARGET_DURATION = "#EXT-X-TARGETDURATION:";

    /** The playlist as served and the state to keep for the next one. */
    public record Outcome(String playlist, SequenceState state) {
    }

    private ContinuousSequence() {
    }

    /** True when the playlist's first segment is named with a generation: only then is there anything to renumber. */
    public static boolean hasGeneration(String playlist) {
        return Arrays.stream(playlist.split("\n")).map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).findFirst()
                .map(l -> HlsLayout.generationOf(l).isPresent()).orElse(false);
    }

    /**
     * Renumbers {@code playlist} from what is {@code known} of it; a playlist known by nothing yet
     * follows its {@code sibling} rendition's state, if there is one. Returns {@code null} when the
     * playlist cannot or need not be renumbered: no segments, no generation in their names, or a
     * generation older than any {@code known} remembers.
     */
    public static Outcome apply(String playlist, SequenceState known, SequenceState sibling) {
        Parsed p = Parsed.of(playlist);
        if (p == null) {
            return null;
        }
        SequenceState state;
        if (known == null) {
            state = SequenceState.joining(sibling, p.generation);
        } else if (p.generation == known.generation()) {
            state = known;
        } else if (p.generation > known.generation()) {
            state = known.followedBy(p.generation);
        } else if (known.previous() != null && p.generation == known.previous().generation()) {
            // Read just before the switch: numbered as it was, and the newer state stays.
            return new Outcome(render(p, known.previous()).text, known);
        } else {
            return null;
        }
        Rendered r = render(p, state);
        return new Outcome(r.text, state.advancedTo(state.offset() + p.mediaSequence + p.segments, r.lastDiscontinuity));
    }

    private record Rendered(String text, long lastDiscontinuity) {
    }

    private static Rendered render(Parsed p, SequenceState state) {
        boolean startListed = p.mediaSequence == 0;
        boolean addTag = state.marked() && startListed && !p.firstHasDiscontinuity;
        long discontinuitySequence = state.discontinuityBase() + p.discontinuitySequence + (state.marked() && !startListed ? 1 : 0);
        long mediaSequence = state.offset() + p.mediaSequence;

        StringBuilder out = new StringBuilder(p.lines.length * 24 + 64);
        boolean sequencesWritten = false;
        for (int i = 0; i < p.lines.length; i++) {
            String line = p.lines[i];
            if (line.isEmpty()) {
                continue;
            }
            if (i < p.firstSegmentLine && (line.startsWith(MEDIA_SEQUENCE) || line.startsWith(DISCONTINUITY_SEQUENCE))) {
                continue;
            }
            if (i == p.firstSegmentLine) {
                if (!sequencesWritten) {
                    PlaylistTrimmer.appendSequences(out, mediaSequence, discontinuitySequence);
                    sequencesWritten = true;
                }
                if (addTag) {
                    out.append(DISCONTINUITY).append('\n');
                }
            }
            out.append(line).append('\n');
            if (i < p.firstSegmentLine && line.startsWith(TARGET_DURATION) && !sequencesWritten) {
                PlaylistTrimmer.appendSequences(out, mediaSequence, discontinuitySequence);
                sequencesWritten = true;
            }
        }
        long tags = p.discontinuities + (addTag ? 1 : 0);
        return new Rendered(out.toString(), discontinuitySequence + tags);
    }

    /** What renumbering needs of the egress's playlist. */
    private record Parsed(String[] lines, int firstSegmentLine, long mediaSequence, long discontinuitySequence,
                          int segments, int discontinuities, boolean firstHasDiscontinuity, int generation) {

        static Parsed of(String playlist) {
            String[] lines = playlist.split("\n", -1);
            int firstSegmentLine = -1;
            long media = 0;
            long discontinuity = 0;
            int segments = 0;
            int tags = 0;
            boolean firstHasTag = false;
            String firstUri = null;
            for (int i = 0; i < lines.length; i++) {
                String line = lines[i].strip();
                lines[i] = line;
                if (line.isEmpty()) {
                    continue;
                }
                boolean header = line.startsWith("#") && PlaylistTrimmer.isPlaylistTag(line);
                if (firstSegmentLine < 0 && !header) {
                    firstSegmentLine = i;
                }
                if (firstSegmentLine < 0 && line.startsWith(MEDIA_SEQUENCE)) {
                    media = Numbers.parseLong(line.substring(MEDIA_SEQUENCE.length()).trim(), -1);
                } else if (firstSegmentLine < 0 && line.startsWith(DISCONTINUITY_SEQUENCE)) {
                    discontinuity = Numbers.parseLong(line.substring(DISCONTINUITY_SEQUENCE.length()).trim(), -1);
                } else if (line.equals(DISCONTINUITY)) {
                    tags++;
                    firstHasTag |= segments == 0;
                } else if (!line.startsWith("#")) {
                    segments++;
                    firstUri = firstUri == null ? line : firstUri;
                }
            }
            if (segments == 0 || media < 0 || discontinuity < 0) {
                return null;
            }
            OptionalInt generation = HlsLayout.generationOf(firstUri);
            if (generation.isEmpty()) {
                return null;
            }
            return new Parsed(lines, firstSegmentLine, media, discontinuity, segments, tags, firstHasTag, generation.getAsInt());
        }
    }
}
