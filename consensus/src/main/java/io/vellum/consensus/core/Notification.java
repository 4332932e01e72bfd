package io.vellum.consensus.core;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.execution.Rejection;
import io.vellum.proposer.NodeId;
import io.vellum.proposer.mempool.Admission;
import java.util.List;
import java.util.Map;

/** Events observers care about: transactions ordered or dropped, proposals opened, blocks final, proposals discarded. */
public sealed interface Notification {

    /** Transactions of a batch entered the mempool at {@code index}: acknowledged, they are in the ordered log. */
    record TransactionsOrdered(long index, List<Felt> hashes) implements Notification {
        public TransactionsOrdered {
            hashes = List.copyOf(hashes);
        }
    }

    /** A transaction of a batch was not admitted (duplicate, mempool full, account full). */
    record TransactionDropped(long index, Felt hash, Admission admission) implements Notification {
    }

    /** A proposal was opened for voting. */
    record ProposalOpened(long index, long height, NodeId proposer, Felt commitment, int offered) implements Notification {
    }

    /** A proposal entry was ignored (stale height, wrong parent, bad signature, another one open...). */
    record ProposalIgnored(long index, long height, NodeId proposer, String reason) implements Notification {
    }

    /** This node voted on a proposal. */
    record Voted(long height, Felt commitment, boolean approve, int firstDifference, String reason) implements Notification {
    }

    /**
     * Block {@code height} became final at {@code index}: its transactions in order, and the ones rejected by its
     * proposal with this node's reasons.
     */
    record BlockFinalized(long index, long height, NodeId proposer, Felt commitment, List<Felt> included,
            Map<Felt, Rejection> rejected, long timestampSeconds) implements Notification {
        public BlockFinalized {
            included = List.copyOf(included);
            rejected = Map.copyOf(rejected);
        }
    }

    /** A proposal was discarded (rejected by voters, or timed out): its proposer lost its turn at that height. */
    record ProposalDiscarded(long index, long height, NodeId proposer, Felt commitment, String reason)
            implements Notification {
    }

    /**
     * This node's own re-execution disagrees with a block a quorum made final: it cannot apply the block and stops.
     * (A snapshot from a healthy node brings it back.)
     */
    record Halted(long index, String reason) implements Notification {
    }
}
