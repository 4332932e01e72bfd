package io.vellum.simulations.scenario;

import java.util.List;

/**
 * Draws a fault schedule from the seed: {@code faults} faults of the given kinds at random times in the workload,
 * each lasting {@code min_duration_s} to {@code max_duration_s}, never two at once, the last one healed at least
 * {@code quiet_tail_s} before the end (so progress after healing can be checked).
 */
public record GeneratorSpec(Integer faults, List<FaultSpec.Kind> kinds, Double minDurationS, Double maxDurationS,
        Double quietTailS) {

    public GeneratorSpec {
        faults = faults == null ? 3 : faults;
        if (faults < 0 || faults > 100) {
            throw new IllegalArgumentException("generate.faults: must be 0 to 100, got " + faults);
        }
        kinds = kinds == null || kinds.isEmpty()
                ? List.of(FaultSpec.Kind.CRASH, FaultSpec.Kind.RESTART, FaultSpec.Kind.PROVER_STALL,
                        FaultSpec.Kind.CLOCK_SKEW)
                : List.copyOf(kinds);
        if (kinds.contains(FaultSpec.Kind.JOIN)) {
            throw new IllegalArgumentException("generate.kinds: join cannot be generated");
        }
        minDurationS = minDurationS == null ? 3.0 : minDurationS;
        maxDurationS = maxDurationS == null ? 10.0 : maxDurationS;
        if (!(minDurationS > 0 && maxDurationS >= minDurationS)) {
            throw new IllegalArgumentException("generate: 0 < min_duration_s <= max_duration_s expected, got "
                    + minDurationS + ", " + maxDurationS);
        }
        quietTailS = quietTailS == null ? 10.0 : quietTailS;
        if (!(quietTailS >= 0)) {
            throw new IllegalArgumentException("generate.quiet_tail_s: must be at least 0, got " + quietTailS);
        }
    }
}
