package io.streamhub.config.stats;

/**
 * What a player reports every few seconds: bytes received since its last report, by source.
 *
 * @param clientId random per page load; the unit of rate limiting
 */
public record PlayerReport(String clientId, Long httpBytes, Long p2pBytes) {
}
