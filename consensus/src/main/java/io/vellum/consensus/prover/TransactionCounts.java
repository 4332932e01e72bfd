package io.vellum.consensus.prover;

import io.vellum.consensus.store.RocksCoreStore;

/** How many transactions a final block has: what a simulated proof's latency depends on. Any thread. */
@FunctionalInterface
public interface TransactionCounts {

    /**
     * @throws IllegalStateException if the block is not stored (a job exists only for a stored block)
     */
    long transactionCount(long height);

    /** From the node's stored blocks (genesis has none). */
    static TransactionCounts of(RocksCoreStore chain) {
        return height -> {
            if (height == 0) {
                return 0;
            }
            return chain.blockHeader(height).map(header -> header.commitments().transactionCount())
                    .orElseThrow(() -> new IllegalStateException("block " + height + " has a proving job but is not "
                            + "stored"));
        };
    }
}
