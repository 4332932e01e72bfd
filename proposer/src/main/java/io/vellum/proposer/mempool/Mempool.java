package io.vellum.proposer.mempool;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
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
import java.util.function.Function;
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
    /** Accounts with pending transactions: how many, and how many carry each nonce (where the account's run ends). */
    private final Map<ContractAddress, AccountPending> byAccount = new HashMap<>();

    private static final class AccountPending {
        int count;
        final Map<Nonce, Integer> nonces = new HashMap<>();
    }

    public Mempool(MempoolLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Offers a transaction applied at {@code position}. {@code alreadyFinal} tells whether a final block already
     * holds this hash (the store's transaction index), so a transaction is never included twice.
     *
     * <p>Past {@link MempoolLimits#runsOnlyFrom()} pending transactions, a transaction is admitted only if it
     * can run once the account's pending transactions before it have: its nonce is at most the first nonce, from
     * the account's nonce in the head state on, that no pending transaction of the account carries (so the one that
     * fills the first gap is admitted, one further behind a gap is not: dropped as {@link Admission#MEMPOOL_FULL}).
     * Without that rule, transactions behind gaps — a client's later nonces admitted after its earlier one was
     * dropped — could fill the mempool: no block would have a candidate, and the transaction filling each gap would
     * be dropped in turn. {@code headNonce} is read only past the threshold.
     */
    public Admission admit(ExecutableTransaction transaction, LogPosition position, Predicate<Felt> alreadyFinal,
            Function<ContractAddress, Nonce> headNonce) {
        Objects.requireNonNull(headNonce, "headNonce");
        return offer(transaction, position, alreadyFinal, headNonce);
    }

    /**
     * Restores a transaction this mempool admitted before (from the store, on restart or after a snapshot): the
     * bounds apply, the run rule of {@link #admit} does not (it held when the transaction was admitted).
     */
    public Admission restore(ExecutableTransaction transaction, LogPosition position) {
        return offer(transaction, position, hash -> false, null);
    }

    private Admission offer(ExecutableTransaction transaction, LogPosition position, Predicate<Felt> alreadyFinal,
            Function<ContractAddress, Nonce> headNonce) {
        Felt hash = transaction.hash();
        if (byHash.containsKey(hash) || alreadyFinal.test(hash)) {
            return Admission.DUPLICATE;
        }
        if (byHash.size() >= limits.transactionsMax()) {
            return Admission.MEMPOOL_FULL;
        }
        ContractAddress account = transaction.transaction().nonceAddress();
        if (headNonce != null && byHash.size() >= limits.runsOnlyFrom()) {
            if (transaction.transaction().nonce().compareTo(firstMissingNonce(account, headNonce.apply(account))) > 0) {
                return Admission.MEMPOOL_FULL;
            }
        }
        if (pendingFor(account) >= limits.transactionsPerAccountMax()) {
            return Admission.ACCOUNT_FULL;
        }
        PendingTransaction pending = new PendingTransaction(transaction, position);
        if (byPosition.putIfAbsent(position, pending) != null) {
            throw new IllegalStateException("two transactions at log position " + position);
        }
        byHash.put(hash, pending);
        AccountPending mine = byAccount.computeIfAbsent(account, a -> new AccountPending());
        mine.count++;
        mine.nonces.merge(transaction.transaction().nonce(), 1, Integer::sum);
        return Admission.ADMITTED;
    }

    /** Removes the given transactions (those a final block included or rejected); unknown hashes are ignored. */
    public void remove(Collection<Felt> hashes) {
        for (Felt hash : hashes) {
            PendingTransaction pending = byHash.remove(hash);
            if (pending != null) {
                byPosition.remove(pending.position());
                AccountPending account = byAccount.get(pending.account());
                account.nonces.computeIfPresent(pending.nonce(), (nonce, count) -> count == 1 ? null : count - 1);
                if (--account.count == 0) {
                    byAccount.remove(pending.account());
                }
            }
        }
    }

    /**
     * The first nonce from {@code head} on that no pending transaction of the account carries: the end of its run
     * (at most {@link MempoolLimits#transactionsPerAccountMax()} steps).
     */
    private Nonce firstMissingNonce(ContractAddress account, Nonce head) {
        AccountPending pending = byAccount.get(account);
        Nonce next = head;
        while (pending != null && pending.nonces.containsKey(next)) {
            next = next.next();
        }
        return next;
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
        AccountPending pending = byAccount.get(account);
        return pending == null ? 0 : pending.count;
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
