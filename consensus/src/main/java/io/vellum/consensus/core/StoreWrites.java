package io.vellum.consensus.core;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.proposer.mempool.PendingTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What applying one entry changes in the node's store. The driver writes all of it, with the applied index, in
 * one atomic batch — so after a crash the store is exactly the state after some applied entry.
 */
public final class StoreWrites {
    private final List<PendingTransaction> admitted = new ArrayList<>();
    private final List<Felt> removed = new ArrayList<>();
    private FinalBlock finalBlock;
    private ReplicatedState state;

    void admit(PendingTransaction transaction) {
        admitted.add(transaction);
    }

    void remove(List<Felt> hashes) {
        removed.addAll(hashes);
    }

    void finalize(FinalBlock block) {
        if (finalBlock != null) {
            throw new IllegalStateException("one entry cannot make two blocks final");
        }
        finalBlock = block;
    }

    void saveState(ReplicatedState newState) {
        state = newState;
    }

    /** Transactions now pending, in log order. */
    public List<PendingTransaction> admitted() {
        return admitted;
    }

    /** Transactions that leave the pending queue (included or rejected by the final block). */
    public List<Felt> removed() {
        return removed;
    }

    public Optional<FinalBlock> finalBlock() {
        return Optional.ofNullable(finalBlock);
    }

    /** The core's replicated state, when it changed. */
    public Optional<ReplicatedState> state() {
        return Optional.ofNullable(state);
    }

    public boolean isEmpty() {
        return admitted.isEmpty() && removed.isEmpty() && finalBlock == null && state == null;
    }
}
