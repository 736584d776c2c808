package io.streamhub.viewing.estimate;

import java.util.ArrayList;
import java.util.List;

/**
 * A provider's per-GB price as volume tiers, written {@code upToGb:usd,…,*:usd} — e.g. CloudFront's
 * {@code 10240:0.085,51200:0.080,153600:0.060,512000:0.040,*:0.020}; a flat price is {@code *:0.005}.
 * Each tier's price applies to the gigabytes that fall within it, as CDN bills count.
 */
public final class PriceTiers {

    private record Tier(double upToGb, double usdPerGb) {
    }

    private final List<Tier> tiers;

    private PriceTiers(List<Tier> tiers) {
        this.tiers = tiers;
    }

    /** Parses a tier list; throws with a message naming the bad part. */
    public static PriceTiers parse(String spec) {
        List<Tier> tiers = new ArrayList<>();
        double previous = 0;
        for (String part : spec.split(",")) {
            String[] kv = part.trim().split(":");
            if (kv.length != 2) {
                throw new IllegalArgumentException("price tier '" + part + "' must be <upToGb>:<usd> or *:<usd>");
            }
            double upTo = kv[0].trim().equals("*") ? Double.POSITIVE_INFINITY : Double.parseDouble(kv[0].trim());
            double usd = Double.parseDouble(kv[1].trim());
            if (upTo <= previous || usd < 0) {
                throw new IllegalArgumentException("price tiers must ascend with non-negative prices: '" + spec + "'");
            }
            tiers.add(new Tier(upTo, usd));
            previous = upTo;
        }
        if (tiers.isEmpty() || tiers.get(tiers.size() - 1).upToGb() != Double.POSITIVE_INFINITY) {
            throw new IllegalArgumentException("price tiers must end with *:<usd>: '" + spec + "'");
        }
        return new PriceTiers(List.copyOf(tiers));
    }

    /** USD for {@code gb} gigabytes in one billing period. */
    public double cost(double gb) {
        double usd = 0;
        double floor = 0;
        for (Tier t : tiers) {
            double inTier = Math.min(gb, t.upToGb()) - floor;
            if (inTier <= 0) {
                break;
            }
            usd += inTier * t.usdPerGb();
            floor = t.upToGb();
        }
        return usd;
    }
}
