package io.vellum.consensus.node;

import io.vellum.blockifier.execution.Rejection;
import java.util.Objects;

/** Where a transaction stands, as this node knows it. */
public sealed interface TransactionStatus {

    /** This node knows nothing of it (never ordered, or final so long ago that its details are forgotten). */
    record Unknown() implements TransactionStatus {
    }

    /** Ordered and waiting in the mempool. */
    record Pending() implements TransactionStatus {
    }

    /** Included in final block {@code height} (made final at log index {@code index}). */
    record Final(long height, long index) implements TransactionStatus {
    }

    /** Offered in final block {@code height} but rejected there (not included): why. */
    record Rejected(long height, long index, Rejection reason) implements TransactionStatus {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** Final in a block this node only knows from its store (its height is not kept in memory). */
    record FinalEarlier() implements TransactionStatus {
    }

    TransactionStatus UNKNOWN = new Unknown();
    TransactionStatus PENDING = new Pending();
}
