package io.vellum.proposer.ordering;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;

/**
 * The engine behind every policy here: repeatedly offer the most preferred transaction among those that can run
 * now — its nonce is its account's next nonce, or already used ("stale", so the builder rejects and purges it).
 * Offering an account's next transaction advances that account and releases its waiting transactions whose nonce
 * is now reachable. A transaction behind a nonce gap is never offered.
 *
 * <p>O(n log n): a priority queue of ready transactions, and per account a sorted set of waiting ones.
 */
abstract class ReadyQueueOrdering implements OrderingPolicy {
    private static final Comparator<PendingTransaction> BY_NONCE_THEN_POSITION =
            Comparator.comparing(PendingTransaction::nonce).thenComparing(PendingTransaction::position);

    /** Which of two ready transactions goes first. Must be a total order (end with the log position). */
    abstract Comparator<PendingTransaction> preference();

    @Override
    public final List<PendingTransaction> order(List<PendingTransaction> pending, NonceSource nonces) {
        Map<ContractAddress, Nonce> next = new HashMap<>();
        Map<ContractAddress, TreeSet<PendingTransaction>> waiting = new HashMap<>();
        PriorityQueue<PendingTransaction> ready = new PriorityQueue<>(preference());
        for (PendingTransaction transaction : pending) {
            Nonce accountNext = next.computeIfAbsent(transaction.account(), nonces::nonceOf);
            if (transaction.nonce().compareTo(accountNext) <= 0) {
                ready.add(transaction);
            } else {
                waiting.computeIfAbsent(transaction.account(), a -> new TreeSet<>(BY_NONCE_THEN_POSITION))
                        .add(transaction);
            }
        }
        List<PendingTransaction> candidates = new ArrayList<>(pending.size());
        while (!ready.isEmpty()) {
            PendingTransaction chosen = ready.poll();
            candidates.add(chosen);
            ContractAddress account = chosen.account();
            if (chosen.nonce().equals(next.get(account))) {
                Nonce advanced = chosen.nonce().next();
                next.put(account, advanced);
                TreeSet<PendingTransaction> queue = waiting.get(account);
                while (queue != null && !queue.isEmpty() && queue.first().nonce().compareTo(advanced) <= 0) {
                    ready.add(queue.pollFirst());
                }
            }
        }
        return candidates;
    }
}
