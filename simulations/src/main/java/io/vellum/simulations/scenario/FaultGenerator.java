package io.vellum.simulations.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws a fault schedule from a seed ({@link GeneratorSpec}): the same seed and scenario give the same faults. The
 * workload window, less a second at the start and the quiet tail at the end, is cut into one slot per fault; each
 * fault starts at a random point of its slot and ends within it, so faults never overlap.
 */
public final class FaultGenerator {
    private FaultGenerator() {
    }

    /** The scenario's written faults followed by the drawn ones; the scenario itself when it has no generator. */
    public static Scenario expand(Scenario scenario, long seed) {
        if (scenario.generator().isEmpty()) {
            return scenario;
        }
        List<FaultSpec> all = new ArrayList<>(scenario.faults());
        all.addAll(draw(scenario.generator().get(), scenario.cluster(), scenario.durationS(), seed));
        return scenario.withFaults(all);
    }

    /** Draws the faults of {@code spec} for a run of {@code durationS} seconds. */
    public static List<FaultSpec> draw(GeneratorSpec spec, ClusterSpec cluster, int durationS, long seed) {
        SplittableRandom random = new SplittableRandom(seed ^ 0x5ce9a110L);
        double start = 1;
        double end = durationS - spec.quietTailS();
        List<FaultSpec> out = new ArrayList<>();
        if (spec.faults() == 0 || end - start < spec.minDurationS()) {
            return out;
        }
        List<FaultSpec.Kind> kinds = spec.kinds();
        if (cluster.mode() == ClusterSpec.Mode.PROCESSES) {
            // A process cluster cannot inject every kind; the default kinds include a prover stall.
            kinds = kinds.stream().filter(FaultSpec.Kind::supportsProcesses).toList();
            if (kinds.isEmpty()) {
                throw new IllegalArgumentException("generate.kinds: none of " + spec.kinds() + " can be injected with "
                        + "cluster.mode: processes (supported: " + FaultSpec.Kind.processKinds() + ")");
            }
        }
        int count = (int) Math.min(spec.faults(), Math.floor((end - start) / (spec.minDurationS() + 0.5)));
        double slot = (end - start) / count;
        for (int i = 0; i < count; i++) {
            FaultSpec.Kind kind = kinds.get(random.nextInt(kinds.size()));
            double longest = Math.min(spec.maxDurationS(), slot - 0.5);
            double duration = round(spec.minDurationS() + random.nextDouble() * Math.max(0, longest
                    - spec.minDurationS()));
            double at = round(start + i * slot + random.nextDouble() * Math.max(0, slot - 0.5 - duration));
            out.add(fault(kind, at, duration, cluster, random));
        }
        return out;
    }

    private static FaultSpec fault(FaultSpec.Kind kind, double at, double duration, ClusterSpec cluster,
            SplittableRandom random) {
        String anyOne = random.nextBoolean() ? "leader" : "follower";
        return switch (kind) {
            case CRASH, ISOLATE, PROVER_STALL, PAUSE -> FaultSpec.of(at, duration, anyOne, kind);
            case RESTART -> FaultSpec.of(at, null, anyOne, kind);
            case PARTITION -> FaultSpec.of(at, duration, cluster.nodes() >= 3 ? "minority" : "leader", kind);
            case ONE_WAY -> FaultSpec.of(at, duration, "leader", kind);
            case DELAY -> new FaultSpec(at, duration, "all", kind, 40L + random.nextInt(110), (long) random.nextInt(40),
                    null, null, null, null);
            case LOSS -> new FaultSpec(at, duration, "all", kind, null, null, round2(0.02 + random.nextDouble() * 0.13),
                    null, null, null);
            case BANDWIDTH -> new FaultSpec(at, duration, anyOne, kind, null, null, null,
                    100_000L + random.nextInt(900_000), null, null);
            case LYING_PROPOSER -> new FaultSpec(at, duration, "leader", kind, null, null, null, null,
                    random.nextBoolean() ? "wrong-result" : "reorder", null);
            case CLOCK_SKEW -> new FaultSpec(at, duration, "random", kind, null, null, null, null, null,
                    (random.nextBoolean() ? 1L : -1L) * (500 + random.nextInt(4_500)));
            case JOIN -> throw new IllegalArgumentException("join cannot be generated");
        };
    }

    private static double round(double seconds) {
        return Math.round(seconds * 10) / 10.0;
    }

    private static double round2(double value) {
        return Math.round(value * 100) / 100.0;
    }
}
