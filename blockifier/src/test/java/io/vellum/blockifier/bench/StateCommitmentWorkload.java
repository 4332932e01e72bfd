package io.vellum.blockifier.bench;

import java.util.function.LongSupplier;

/**
 * {@link StateCommitmentBenchmark}'s block of 1,000 transfers as a {@link BeforeAfter} workload, committed with
 * {@code threads} = 1 (the JVM property {@code vellum.bench.threads} overrides it); each call commits one block.
 */
public final class StateCommitmentWorkload implements LongSupplier {
    private final StateCommitmentBenchmark benchmark = new StateCommitmentBenchmark();

    public StateCommitmentWorkload() {
        benchmark.threads = Integer.getInteger("vellum.bench.threads", 1);
        benchmark.build();
    }

    @Override
    public long getAsLong() {
        benchmark.commitBlockOf1000Transfers();
        return 1;
    }
}
