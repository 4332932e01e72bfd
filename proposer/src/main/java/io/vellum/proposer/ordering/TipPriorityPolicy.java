package io.vellum.proposer.ordering;

import io.vellum.proposer.mempool.PendingTransaction;
import java.util.Comparator;

/**
 * Fee priority within per-account nonce order: among the transactions that can run now, the highest tip goes
 * first; ties go to the earlier log position. A high tip cannot jump its own account's nonce order.
 */
public final class TipPriorityPolicy extends ReadyQueueOrdering {
    public static final String NAME = "tip-priority";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Comparator<PendingTransaction> preference() {
        return Comparator.comparing(PendingTransaction::tip).reversed().thenComparing(PendingTransaction::position);
    }
}
