package io.vellum.proposer.mempool;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The replicated mempool: pending transactions in log order.
 *
 * <p>Transactions enter when the state machine applies their batch ({@link #admit}), in log order, and leave when a
 * final block includes or rejects them ({@link #remove}). Admission is a pure function of the mempool's contents
 * and the limits, so every node that applied the same log holds the same transactions at the same index — which
 * lets a follower recompute the candidates a proposer saw.
 *
 * <p>Not thread-safe: the state machine's apply thread is the one writer; readers on other threads take a
 * {@link #snapshot()}.
 */
public final class Mempool {
    private final MempoolLimits limits;
    private final TreeMap<LogPosition, PendingTransaction> byPosition = new TreeMap<>();
    private final Map<Felt, PendingTransaction> byHash = new HashMap<>();
    private final Map<ContractAddress, Integer> countByAccount = new HashMap<>();

    public Mempool(MempoolLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Offers a transaction applied at {@code position}. {@code alreadyFinal} tells whether a final block already
     * holds this hash (the store's transaction index), so a transaction is never included twice.
     */
    public Admission admit(ExecutableTransaction transaction, LogPosition position, Predicate<Felt> alreadyFinal) {
        Felt hash = transaction.hash();
        if (byHash.containsKey(hash) || alreadyFinal.test(hash)) {
            return Admission.DUPLICATE;
        }
        if (byHash.size() >= limits.transactionsMax()) {
            return Admission.MEMPOOL_FULL;
        }
        ContractAddress account = transaction.transaction().nonceAddress();
        int accountCount = countByAccount.getOrDefault(account, 0);
        if (accountCount >= limits.transactionsPerAccountMax()) {
            return Admission.ACCOUNT_FULL;
        }
        PendingTransaction pending = new PendingTransaction(transaction, position);
        if (byPosition.putIfAbsent(position, pending) != null) {
            throw new IllegalStateException("two transactions at log position " + position);
        }
        byHash.put(hash, pending);
        countByAccount.put(account, accountCount + 1);
        return Admission.ADMITTED;
    }

    /** Removes the given transactions (those a final block included or rejected); unknown hashes are ignored. */
    public void remove(Collection<Felt> hashes) {
        for (Felt hash : hashes) {
            PendingTransaction pending = byHash.remove(hash);
            if (pending != null) {
                byPosition.remove(pending.position());
                countByAccount.computeIfPresent(pending.account(), (account, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    public boolean contains(Felt hash) {
        return byHash.containsKey(hash);
    }

    public PendingTransaction get(Felt hash) {
        return byHash.get(hash);
    }

    public int size() {
        return byHash.size();
    }

    public int pendingFor(ContractAddress account) {
        return countByAccount.getOrDefault(account, 0);
    }

    public MempoolLimits limits() {
        return limits;
    }

    /** The pending transactions in log order, as an immutable copy. */
    public List<PendingTransaction> snapshot() {
        return Collections.unmodifiableList(new ArrayList<>(byPosition.values()));
    }

    /** The pending transactions admitted at or before {@code index}, in log order. */
    public List<PendingTransaction> snapshotUpTo(long index) {
        return Collections.unmodifiableList(
                new ArrayList<>(byPosition.headMap(new LogPosition(index, Integer.MAX_VALUE), true).values()));
    }
}
