package io.vellum.proposer.mempool;

/**
 * Bounds on the mempool: the most transactions it holds, and the most one account may have waiting. Every node
 * applies the same limits to the same log, so every node admits and drops the same transactions.
 */
public record MempoolLimits(int transactionsMax, int transactionsPerAccountMax) {
    public static final MempoolLimits DEFAULT = new MempoolLimits(100_000, 256);

    public MempoolLimits {
        if (transactionsMax < 1 || transactionsPerAccountMax < 1) {
            throw new IllegalArgumentException("mempool limits must be positive: " + transactionsMax + ", "
                    + transactionsPerAccountMax);
        }
    }

    /**
     * From this many pending transactions on (nine tenths of {@link #transactionsMax}), the mempool admits only
     * transactions that can run once their account's earlier pending ones have ({@link Mempool#admit}): the last
     * tenth is kept for transactions that can run, so a mempool filled with transactions behind nonce gaps cannot
     * stall the chain.
     */
    public int runsOnlyFrom() {
        return transactionsMax - Math.max(1, transactionsMax / 10);
    }
}
