package io.vellum.proposer.ordering;

import io.vellum.proposer.mempool.PendingTransaction;
import java.util.Comparator;
import java.util.List;

/**
 * The engine behind every policy here: repeatedly offer the most preferred transaction among those that can run
 * now — its nonce is its account's next nonce, or already used ("stale", so the builder rejects and purges it).
 * Offering an account's next transaction advances that account and releases its waiting transactions whose nonce
 * is now reachable. A transaction behind a nonce gap is never offered.
 *
 * <p>A priority queue of ready transactions, and per account a sorted set of waiting ones; the candidates are
 * produced as they are read ({@link OrderedCandidates}), so a block costs what it takes, not the whole backlog.
 */
abstract class ReadyQueueOrdering implements OrderingPolicy {
    /** Which of two ready transactions goes first. Must be a total order (end with the log position). */
    abstract Comparator<PendingTransaction> preference();

    /**
     * The candidates, produced as they are read ({@link OrderedCandidates}): reading a block's worth costs that
     * many steps plus one pass over the pending transactions, not a sort of all of them.
     */
    @Override
    public final OrderedCandidates order(List<PendingTransaction> pending, NonceSource nonces) {
        return new OrderedCandidates(pending, nonces, preference());
    }
}
