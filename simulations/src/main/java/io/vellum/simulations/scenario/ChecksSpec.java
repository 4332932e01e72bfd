package io.vellum.simulations.scenario;

import java.util.List;

/**
 * Which checkers run and their bounds.
 *
 * @param skip names of checkers not to run (see {@code docs/simulations.md}); every other one runs
 * @param progressBoundS once faults heal and a quorum is up, a new block must be final within this many seconds
 *     whenever acknowledged transactions wait
 * @param drainS after the workload, how long the run waits for acknowledged transactions to become final, the
 *     committer and the provers to catch up, before the checks
 */
public record ChecksSpec(List<String> skip, Double progressBoundS, Double drainS) {

    /** Every checker's name. */
    public static final List<String> NAMES = List.of("no-lost", "no-duplicates", "one-block-per-height",
            "nodes-agree", "monotonic", "proven-once-in-order", "reexecution-matched", "progress", "caught-up");

    public ChecksSpec {
        skip = skip == null ? List.of() : List.copyOf(skip);
        for (String name : skip) {
            if (!NAMES.contains(name)) {
                throw new IllegalArgumentException("checks.skip: unknown checker " + name + " (known: " + NAMES + ")");
            }
        }
        progressBoundS = progressBoundS == null ? 20.0 : progressBoundS;
        if (!(progressBoundS > 0 && progressBoundS <= 600)) {
            throw new IllegalArgumentException("checks.progress_bound_s: must be in (0, 600], got " + progressBoundS);
        }
        drainS = drainS == null ? 60.0 : drainS;
        if (!(drainS >= 1 && drainS <= 600)) {
            throw new IllegalArgumentException("checks.drain_s: must be 1 to 600, got " + drainS);
        }
    }

    public static ChecksSpec defaults() {
        return new ChecksSpec(null, null, null);
    }

    public boolean runs(String name) {
        return !skip.contains(name);
    }
}
