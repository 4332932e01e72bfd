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
}
