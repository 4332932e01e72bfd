package io.vellum.proposer.mempool;

/** What became of a transaction offered to the mempool. */
public enum Admission {
    /** Now pending. */
    ADMITTED,
    /** Already pending, or already final: dropped. */
    DUPLICATE,
    /**
     * The mempool holds {@link MempoolLimits#transactionsMax()} transactions, or holds
     * {@link MempoolLimits#runsOnlyFrom()} and this one waits behind a nonce gap of its account: dropped.
     */
    MEMPOOL_FULL,
    /** The account has {@link MempoolLimits#transactionsPerAccountMax()} pending: dropped. */
    ACCOUNT_FULL
}
