package io.vellum.simulations.scenario;

/**
 * How fast a workload sends, in transactions per second: exactly one of a constant rate, a linear ramp over the
 * run, or bursts (a base rate with a peak for {@code length_s} every {@code every_s}).
 */
public record RateSpec(Double constant, Ramp ramp, Bursts bursts) {

    /** The most transactions per second one workload may ask for. */
    public static final double RATE_MAX = 20_000;

    /** From {@code from} per second at the start to {@code to} per second at the end. */
    public record Ramp(Double from, Double to) {
        public Ramp {
            check("rate.ramp.from", from);
            check("rate.ramp.to", to);
        }
    }

    /** {@code base} per second, {@code peak} per second during the first {@code length_s} of every {@code every_s}. */
    public record Bursts(Double base, Double peak, Double everyS, Double lengthS) {
        public Bursts {
            check("rate.bursts.base", base);
            check("rate.bursts.peak", peak);
            if (everyS == null || !(everyS >= 1 && everyS <= 3_600)) {
                throw new IllegalArgumentException("rate.bursts.every_s: must be 1 to 3600, got " + everyS);
            }
            if (lengthS == null || !(lengthS > 0 && lengthS <= everyS)) {
                throw new IllegalArgumentException("rate.bursts.length_s: must be above 0 and at most every_s, got "
                        + lengthS);
            }
        }
    }

    public RateSpec {
        int set = (constant != null ? 1 : 0) + (ramp != null ? 1 : 0) + (bursts != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException("rate: exactly one of constant, ramp, bursts expected, got " + set);
        }
        if (constant != null) {
            check("rate.constant", constant);
        }
    }

    private static void check(String key, Double value) {
        if (value == null || !(value >= 0 && value <= RATE_MAX)) {
            throw new IllegalArgumentException(key + ": must be 0 to " + (long) RATE_MAX + " per second, got " + value);
        }
    }

    /** The rate at {@code elapsedS} seconds into a run of {@code durationS} seconds. */
    public double at(double elapsedS, double durationS) {
        if (constant != null) {
            return constant;
        }
        if (ramp != null) {
            double f = Math.min(1, Math.max(0, elapsedS / durationS));
            return ramp.from() + (ramp.to() - ramp.from()) * f;
        }
        double phase = elapsedS % bursts.everyS();
        return phase < bursts.lengthS() ? bursts.peak() : bursts.base();
    }
}
