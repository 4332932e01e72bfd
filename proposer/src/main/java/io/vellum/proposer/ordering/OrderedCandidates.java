package io.vellum.proposer.ordering;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.RandomAccess;
import java.util.TreeSet;

/**
 * The candidates of a {@link ReadyQueueOrdering}, produced as they are read: a block takes a few hundred
 * candidates while thousands may be pending, so ordering all of them for every build and every re-execution made
 * the cost of a block grow with the backlog.
 *
 * <p>Everything that reads the state (each account's next nonce) and the split into ready and waiting transactions
 * happens in the constructor, so the list no longer needs the {@link NonceSource} afterwards (it may be read on
 * another thread once handed over, though by one thread at a time). Each read then extends the produced prefix:
 * {@link #get}, {@link #has}, {@link #isEmpty} and {@link #iterator} produce only what they reach; {@link #size}
 * produces everything. The sequence is exactly what ordering everything at once gives — the same algorithm, run
 * step by step — so a proposer and its followers agree on it however far each reads.
 *
 * <p>Not thread-safe; read-only to its users (it is an {@link AbstractList} without mutators).
 */
public final class OrderedCandidates extends AbstractList<PendingTransaction> implements RandomAccess {
    private static final Comparator<PendingTransaction> BY_NONCE_THEN_POSITION =
            Comparator.comparing(PendingTransaction::nonce).thenComparing(PendingTransaction::position);

    private final Map<ContractAddress, Nonce> next = new HashMap<>();
    private final Map<ContractAddress, TreeSet<PendingTransaction>> waiting = new HashMap<>();
    private final PriorityQueue<PendingTransaction> ready;
    private final List<PendingTransaction> produced = new ArrayList<>();

    OrderedCandidates(List<PendingTransaction> pending, NonceSource nonces, Comparator<PendingTransaction> preference) {
        ready = new PriorityQueue<>(preference);
        for (PendingTransaction transaction : pending) {
            Nonce accountNext = next.computeIfAbsent(transaction.account(), nonces::nonceOf);
            if (transaction.nonce().compareTo(accountNext) <= 0) {
                ready.add(transaction);
            } else {
                waiting.computeIfAbsent(transaction.account(), a -> new TreeSet<>(BY_NONCE_THEN_POSITION))
                        .add(transaction);
            }
        }
    }

    /** Whether there is a candidate at {@code index} (producing up to it, not further). */
    public boolean has(int index) {
        if (index < 0) {
            throw new IndexOutOfBoundsException("negative index " + index);
        }
        while (produced.size() <= index) {
            if (!produceOne()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public PendingTransaction get(int index) {
        if (!has(index)) {
            throw new IndexOutOfBoundsException("index " + index + ", " + produced.size() + " candidates");
        }
        return produced.get(index);
    }

    /** Every candidate: produces them all. */
    @Override
    public int size() {
        while (produceOne()) {
            // all of them
        }
        return produced.size();
    }

    @Override
    public boolean isEmpty() {
        return !has(0);
    }

    @Override
    public Iterator<PendingTransaction> iterator() {
        return new Iterator<>() {
            private int cursor;

            @Override
            public boolean hasNext() {
                return has(cursor);
            }

            @Override
            public PendingTransaction next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return produced.get(cursor++);
            }
        };
    }

    /** Candidates produced so far (for tests: how far readers went). */
    int producedCount() {
        return produced.size();
    }

    /** Offers the most preferred ready transaction and releases what it makes reachable; false when none is left. */
    private boolean produceOne() {
        PendingTransaction chosen = ready.poll();
        if (chosen == null) {
            return false;
        }
        produced.add(chosen);
        ContractAddress account = chosen.account();
        if (chosen.nonce().equals(next.get(account))) {
            Nonce advanced = chosen.nonce().next();
            next.put(account, advanced);
            TreeSet<PendingTransaction> queue = waiting.get(account);
            while (queue != null && !queue.isEmpty() && queue.first().nonce().compareTo(advanced) <= 0) {
                ready.add(queue.pollFirst());
            }
        }
        return true;
    }
}
