package io.vellum.blockifier.bench;

import java.util.function.LongSupplier;

/**
 * {@link TrieBenchmark}'s leaf updates as a {@link BeforeAfter} workload: the same million-leaf trie and batches
 * of 1,000 changes, on one thread; each call applies one batch and counts its 1,000 leaf updates.
 */
public final class TrieWorkload implements LongSupplier {
    private final TrieBenchmark.MillionLeafTrie state = new TrieBenchmark.MillionLeafTrie();
    private final TrieBenchmark benchmark = new TrieBenchmark();

    public TrieWorkload() {
        state.leafCount = 1_000_000;
        state.build();
    }

    @Override
    public long getAsLong() {
        benchmark.leafUpdatesInBatchesOf1000(state);
        return TrieBenchmark.BATCH_SIZE;
    }
}
