package io.streamhub.viewing.stats;

/**
 * What a player reports every few seconds, all of it since its last report (absent fields: nothing).
 * Bytes: {@code httpBytes} is everything fetched over HTTP (what the origin or CDN sent);
 * {@code p2pBytes} only segments accepted from peers, which replaced an HTTP fetch. What else crossed
 * between peers is waste: {@code p2pAbortedBytes} (transfers abandoned part-way), {@code p2pDuplicateBytes}
 * (segments the player already had) and {@code p2pRejectedBytes} in {@code rejectedSegments} (wrong digest);
 * {@code refetchedSegments} were abandoned from peers and fetched over HTTP. Quality of experience:
 * {@code startupSeconds} once (navigation to first frame), {@code stalls}, {@code stalledSeconds},
 * {@code playedSeconds} and {@code behindLiveSeconds} (the mean over the interval).
 *
 * @param ticket   the viewer's ticket from playback ({@code viewing/play/ViewerTickets}): whose report, for which room
 * @param clientId the ticket's client id (optional; when given it must be the ticket's); the unit of rate limiting
 */
public record PlayerReport(String ticket, String clientId, Long httpBytes, Long p2pBytes, Integer rejectedSegments,
                           Long p2pAbortedBytes, Long p2pDuplicateBytes, Long p2pRejectedBytes, Integer refetchedSegments,
                           Double startupSeconds, Integer stalls, Double stalledSeconds, Double playedSeconds,
                           Double behindLiveSeconds) {

    /** This report with its byte fields as counted: useful bytes within {@code useful} together, each waste kind within {@code waste}. */
    public PlayerReport clamped(long useful, long waste) {
        long http = Math.min(httpBytes, useful);
        return new PlayerReport(ticket, clientId, http, Math.min(p2pBytes, useful - http), rejectedSegments,
                Math.min(aborted(), waste), Math.min(duplicate(), waste), Math.min(rejectedBytes(), waste), refetchedSegments,
                startupSeconds, stalls, stalledSeconds, playedSeconds, behindLiveSeconds);
    }

    /** Every byte field, summed. */
    public long bytes() {
        return httpBytes + p2pBytes + aborted() + duplicate() + rejectedBytes();
    }

    public int rejected() {
        return orZero(rejectedSegments);
    }

    public long aborted() {
        return p2pAbortedBytes == null ? 0 : p2pAbortedBytes;
    }

    public long duplicate() {
        return p2pDuplicateBytes == null ? 0 : p2pDuplicateBytes;
    }

    public long rejectedBytes() {
        return p2pRejectedBytes == null ? 0 : p2pRejectedBytes;
    }

    public int refetched() {
        return orZero(refetchedSegments);
    }

    public int stallCount() {
        return orZero(stalls);
    }

    private static int orZero(Integer n) {
        return n == null ? 0 : n;
    }
}
