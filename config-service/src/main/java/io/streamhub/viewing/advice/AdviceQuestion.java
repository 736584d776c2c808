package io.streamhub.viewing.advice;

/**
 * What an operator tells the advisor about an event.
 *
 * @param audience      concurrent viewers expected
 * @param interactivity who must see (and answer) within a fraction of a second
 * @param closedNetwork a closed network, or data that must stay on own hardware (sovereignty)
 * @param recurring     the same audience comes back (a weekly show, a 24/7 channel): swarms stay large
 * @param vod           an on-demand catalog rather than a live event
 * @param bitrateMbps   what one viewer pulls
 * @param audioOnly     an audio-only stream (radio)
 * @param hours         how long it runs, for the cost
 */
public record AdviceQuestion(long audience, Interactivity interactivity, boolean closedNetwork, boolean recurring, boolean vod,
                             double bitrateMbps, boolean audioOnly, double hours) {

    /** The decision matrix's notion of interactivity (docs/modes.md). */
    public enum Interactivity {
        /** Everyone watches; a few seconds of latency are fine. */
        NONE,
        /** One host and a few VIPs interact, the rest watch (live shopping, auctions). */
        HOST,
        /** Everyone interacts or needs real time (a class, a webinar, monitoring). */
        ALL
    }
}
