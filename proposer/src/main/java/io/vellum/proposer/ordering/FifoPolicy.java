package io.vellum.proposer.ordering;

import io.vellum.proposer.mempool.PendingTransaction;
import java.util.Comparator;

/**
 * First in, first out: the earliest-admitted transaction that can run now goes first. A transaction that arrived
 * before its predecessor nonce (clients that send nonces 5 and 6 to different nodes may see them logged as 6, 5)
 * waits until the predecessor is offered.
 */
public final class FifoPolicy extends ReadyQueueOrdering {
    public static final String NAME = "fifo";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    Comparator<PendingTransaction> preference() {
        return Comparator.comparing(PendingTransaction::position);
    }
}
