package io.vellum.simulations.scenario;

/**
 * A skewed choice of targets: a {@code share} of the transactions go to the first {@code fraction} of the targets
 * (e.g. fraction 0.1, share 0.9: 90% of the load on 10% of the accounts or keys).
 */
public record HotSpotSpec(Double fraction, Double share) {
    public HotSpotSpec {
        if (fraction == null || !(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("hot_spot.fraction: must be in (0, 1], got " + fraction);
        }
        if (share == null || !(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException("hot_spot.share: must be in [0, 1], got " + share);
        }
    }

    /** Picks one of {@code count} targets with {@code uniform} in [0, 1) and {@code pick} in [0, 1). */
    public int pick(int count, double uniform, double pick) {
        int hot = Math.max(1, (int) Math.round(count * fraction));
        if (uniform < share || hot >= count) {
            return Math.min(hot - 1, (int) (pick * hot));
        }
        return hot + Math.min(count - hot - 1, (int) (pick * (count - hot)));
    }
}
