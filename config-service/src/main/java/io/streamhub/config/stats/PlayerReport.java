package io.streamhub.config.stats;

/**
 * What a player reports every few seconds: bytes received since its last report, by source, and
 * how many segments from peers it rejected for a wrong digest (absent: none).
 *
 * @param clientId random per page load; the unit of rate limiting
 */
public record PlayerReport(String clientId, Long httpBytes, Long p2pBytes, Integer rejectedSegments) {

    public int rejected() {
        return rejectedSegments == null ? 0 : rejectedSegments;
    }
}
