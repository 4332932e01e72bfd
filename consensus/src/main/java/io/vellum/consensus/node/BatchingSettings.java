package io.vellum.consensus.node;

import io.vellum.consensus.entry.EntryCodec;

/**
 * How a node groups clients' transactions into log entries.
 *
 * @param transactionsPerBatchMax the most transactions in one entry
 * @param batchDelayMs how long the first transaction of a batch waits for others
 * @param queueCapacity the most transactions waiting to be batched; past it, submissions are refused with
 *     {@link OverloadedException}
 * @param orderingTimeoutMs how long a submitted transaction may wait to be ordered before its future fails with
 *     {@link NotOrderedException}
 */
public record BatchingSettings(int transactionsPerBatchMax, long batchDelayMs, int queueCapacity,
        long orderingTimeoutMs) {

    /**
     * Defaults. The batch delay is 50 ms: with 5 ms, a node under a few hundred transfers/s sent entries of about
     * one transaction each, and the per-entry cost (Raft replication, the log, applying on every node) used most of
     * the CPU; 50 ms gave entries of about six at 300/s and cut latency there from tens of seconds (a backlog) to
     * under half a second, for about 40 ms more at 50/s ({@code docs/benchmarks.md}, "Batching").
     */
    public static final BatchingSettings DEFAULT = new BatchingSettings(500, 50, 50_000, 30_000);

    public BatchingSettings {
        if (transactionsPerBatchMax < 1 || transactionsPerBatchMax > EntryCodec.BATCH_TRANSACTIONS_MAX) {
            throw new IllegalArgumentException("transactions per batch must be in [1, "
                    + EntryCodec.BATCH_TRANSACTIONS_MAX + "]: " + transactionsPerBatchMax);
        }
        if (batchDelayMs < 0 || queueCapacity < transactionsPerBatchMax || orderingTimeoutMs < 1) {
            throw new IllegalArgumentException("batch delay must not be negative, the queue must hold at least one "
                    + "batch, the ordering timeout must be positive");
        }
    }
}
