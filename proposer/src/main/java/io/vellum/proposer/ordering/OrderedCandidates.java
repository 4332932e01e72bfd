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

/**
 * The candidates of a {@link ReadyQueueOrdering}, produced as they are read: a block takes a few hundred
 * candidates while thousands may be pending, so ordering all of them for every build and every re-execution made
 * the cost of a block grow with the backlog.
 *
 * <p>Everything that reads the state (each account's next nonce) and the split into ready and waiting transactions
 * happens in the constructor, so the list no longer needs the {@link NonceSource} afterwards (it may be read on
 * another thread once handed over, though by one thread at a time). The constructor is one pass with one map
 * lookup per pending transaction: an account's waiting transactions are kept in log order and sorted by nonce only
 * when the account is first advanced, which a block does for a few hundred accounts, not for every account with a
 * backlog. Each read then extends the produced prefix:
 * {@link #get}, {@link #has}, {@link #isEmpty} and {@link #iterator} produce only what they reach; {@link #size}
 * produces everything, and so do the list iterators, streams and views {@link AbstractList} builds on it (do not
 * wrap it in {@code Collections.unmodifiableList}: it is unmodifiable already, and the wrapper's iterator asks for
 * the size). The sequence is exactly what ordering everything at once gives — the same algorithm, run
 * step by step — so a proposer and its followers agree on it however far each reads.
 *
 * <p>Not thread-safe; read-only to its users (it is an {@link AbstractList} without mutators).
 */
public final class OrderedCandidates extends AbstractList<PendingTransaction> implements RandomAccess {
    private static final Comparator<PendingTransaction> BY_NONCE_THEN_POSITION =
            Comparator.comparing(PendingTransaction::nonce).thenComparing(PendingTransaction::position);

    /** One account's next nonce and its transactions not yet ready. */
    private static final class Account {
        Nonce next;
        /** In log order until {@link #sorted}, then by nonce and position from {@link #head} on. */
        final List<PendingTransaction> waiting = new ArrayList<>(4);
        boolean sorted;
        int head;

        Account(Nonce next) {
            this.next = next;
        }
    }

    private final Map<ContractAddress, Account> accounts = new HashMap<>();
    private final PriorityQueue<PendingTransaction> ready;
    private final List<PendingTransaction> produced = new ArrayList<>();

    OrderedCandidates(List<PendingTransaction> pending, NonceSource nonces, Comparator<PendingTransaction> preference) {
        List<PendingTransaction> readyNow = new ArrayList<>();
        for (PendingTransaction transaction : pending) {
            Account account = accounts.computeIfAbsent(transaction.account(), a -> new Account(nonces.nonceOf(a)));
            if (transaction.nonce().compareTo(account.next) <= 0) {
                readyNow.add(transaction);
            } else {
                account.waiting.add(transaction);
            }
        }
        ready = new PriorityQueue<>(Math.max(1, readyNow.size()), preference);
        ready.addAll(readyNow);
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

    /** How many candidates have been produced so far: how far readers went (the rest costs nothing yet). */
    public int producedSoFar() {
        return produced.size();
    }

    /** Offers the most preferred ready transaction and releases what it makes reachable; false when none is left. */
    private boolean produceOne() {
        PendingTransaction chosen = ready.poll();
        if (chosen == null) {
            return false;
        }
        produced.add(chosen);
        Account account = accounts.get(chosen.account());
        if (chosen.nonce().equals(account.next)) {
            Nonce advanced = chosen.nonce().next();
            account.next = advanced;
            if (!account.sorted) {
                account.waiting.sort(BY_NONCE_THEN_POSITION);
                account.sorted = true;
            }
            List<PendingTransaction> queue = account.waiting;
            while (account.head < queue.size() && queue.get(account.head).nonce().compareTo(advanced) <= 0) {
                ready.add(queue.get(account.head));
                queue.set(account.head++, null); // produced: let it go
            }
        }
        return true;
    }
}
