package io.streamhub.router.playlist;

/**
 * Where one live playlist's public numbering stands, so that it keeps counting up across egress
 * restarts (RFC 8216 §6.2.2: media and discontinuity sequence numbers never go back). A restarted
 * egress numbers its segments from 0 again; the origin maps its numbers onto the public ones.
 *
 * @param generation        the egress generation (the {@code g<n>-} of its segment names) these numbers are for
 * @param offset            added to the egress's media sequence numbers
 * @param discontinuityBase the discontinuity sequence number of the segments served before this generation
 * @param marked            this generation followed an earlier one, so its first segment starts a discontinuity
 * @param next              one past the highest public media sequence number served so far
 * @param lastDiscontinuity the discontinuity sequence number of the newest segment served so far
 * @param previous          the generation before this one, kept in memory only: a playlist of it read just
 *                          before the switch is still numbered as it was
 */
public record SequenceState(int generation, long offset, long discontinuityBase, boolean marked, long next,
                     long lastDiscontinuity, SequenceState previous) {

    /** The first generation this playlist is known by: numbered as the egress numbers it. */
    public static SequenceState first(int generation) {
        return new SequenceState(generation, 0, 0, false, 0, 0, null);
    }

    /**
     * A rendition first seen now, numbered like a sibling rendition of the same room so that their
     * discontinuity sequences line up (players switch renditions by them); without a usable sibling,
     * as the egress numbers it.
     */
    public static SequenceState joining(SequenceState sibling, int generation) {
        if (sibling == null || sibling.generation > generation) {
            return first(generation);
        }
        if (sibling.generation == generation) {
            return new SequenceState(generation, sibling.offset, sibling.discontinuityBase, sibling.marked, sibling.offset,
                    sibling.discontinuityBase, null);
        }
        return new SequenceState(generation, sibling.next, sibling.lastDiscontinuity, true, sibling.next, sibling.lastDiscontinuity, null);
    }

    /** A later generation: its segment 0 gets the next public number and starts a discontinuity. */
    public SequenceState followedBy(int laterGeneration) {
        return new SequenceState(laterGeneration, next, lastDiscontinuity, true, next, lastDiscontinuity, withoutPrevious());
    }

    public SequenceState advancedTo(long newNext, long newLastDiscontinuity) {
        return new SequenceState(generation, offset, discontinuityBase, marked, Math.max(next, newNext),
                Math.max(lastDiscontinuity, newLastDiscontinuity), previous);
    }

    public SequenceState withoutPrevious() {
        return previous == null ? this : new SequenceState(generation, offset, discontinuityBase, marked, next, lastDiscontinuity, null);
    }
}
