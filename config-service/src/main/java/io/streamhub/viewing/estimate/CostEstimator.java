package io.streamhub.viewing.estimate;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.Map;

/**
 * Traffic and CDN cost of a live event: viewers × bitrate × duration, less what viewers share over
 * P2P, priced per GB and per 10k HTTPS requests from the configured table (decimal GB, as CDNs bill).
 * Figures are rounded as a bill is: dollars to cents, GB to two decimals (10 MB), requests whole.
 */
public final class CostEstimator {

    /** One provider's bill. */
    @RegisterForReflection // returned inside a Response: the native build's scan does not see it
    public record Line(String provider, double cdnGb, double requests, double usd) {
    }

    /** The whole estimate. */
    @RegisterForReflection
    public record Estimate(double totalGb, double p2pGb, double cdnGb, Map<String, Line> byProvider) {
    }

    private final Map<String, PriceTiers> perGb = new java.util.TreeMap<>();
    private final Map<String, Double> per10k;

    /** @param perGb tier lists by provider (see {@link PriceTiers}) */
    public CostEstimator(Map<String, String> perGb, Map<String, Double> per10kRequests) {
        perGb.forEach((provider, spec) -> this.perGb.put(provider, PriceTiers.parse(spec)));
        this.per10k = per10kRequests;
    }

    /**
     * @param segmentSeconds each viewer fetches one segment and about one playlist per segment duration
     */
    public Estimate estimate(long viewers, double bitrateMbps, double hours, double p2pShare, int segmentSeconds) {
        double totalGb = viewers * bitrateMbps / 8.0 * 3600.0 * hours / 1000.0;
        double cdnGb = totalGb * (1.0 - p2pShare);
        // P2P replaces segment fetches, never playlist fetches.
        double segmentRequests = viewers * hours * 3600.0 / segmentSeconds;
        double requests = segmentRequests * (1.0 - p2pShare) + segmentRequests;
        Map<String, Line> lines = new java.util.TreeMap<>();
        for (Map.Entry<String, PriceTiers> p : perGb.entrySet()) {
            double usd = p.getValue().cost(cdnGb) + requests / 10_000.0 * per10k.getOrDefault(p.getKey(), 0.0);
            lines.put(p.getKey(), new Line(p.getKey(), hundredths(cdnGb), Math.round(requests), hundredths(usd)));
        }
        return new Estimate(hundredths(totalGb), hundredths(totalGb - cdnGb), hundredths(cdnGb), lines);
    }

    /** Rounded half up to two decimals, without binary noise ({@code 33750.00000000001} is {@code 33750.0}). */
    static double hundredths(double v) {
        return java.math.BigDecimal.valueOf(v).setScale(2, java.math.RoundingMode.HALF_UP).doubleValue();
    }
}
