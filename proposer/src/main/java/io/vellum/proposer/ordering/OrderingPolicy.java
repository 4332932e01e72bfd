package io.vellum.proposer.ordering;

import io.vellum.proposer.mempool.PendingTransaction;
import java.util.List;

/**
 * Orders pending transactions into the candidates a proposer offers the block builder, first to last; the bouncer
 * may close the block before the end of the list.
 *
 * <p>Contract, shared by every policy so that followers can check it: the result is a pure function of its
 * arguments; a transaction whose nonce is already used ("stale") is a candidate (the builder rejects it, which
 * purges it from the mempool); a transaction whose nonce leaves a gap after its account's nonce and the candidates
 * before it is not a candidate (it waits for the gap to fill); an account's next nonce is offered before any
 * higher one.
 */
public interface OrderingPolicy {

    /** The name used in configuration and scenario files. */
    String name();

    /**
     * The result may be produced as it is read (the policies here return {@link OrderedCandidates}); its users
     * read a prefix with {@code get} or an iterator and call {@code size()} only when they need them all.
     *
     * @param pending the pending transactions in log order
     * @param nonces the nonces of the state the block builds on; valid during this call only (the state view
     *     behind it closes), so every nonce the ordering needs is read before it returns
     */
    List<PendingTransaction> order(List<PendingTransaction> pending, NonceSource nonces);

    /** The policy of a configured name: {@code fifo} or {@code tip-priority}. */
    static OrderingPolicy named(String name) {
        return switch (name) {
            case FifoPolicy.NAME -> new FifoPolicy();
            case TipPriorityPolicy.NAME -> new TipPriorityPolicy();
            default -> throw new IllegalArgumentException("unknown ordering policy '" + name + "' (known: "
                    + FifoPolicy.NAME + ", " + TipPriorityPolicy.NAME + ")");
        };
    }
}
