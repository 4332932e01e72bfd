package io.vellum.blockifier.execution;

import java.util.Objects;

/**
 * What executing one transaction produced: executed (it succeeded or reverted, and has a receipt) or rejected
 * (no state change). Whether an executed transaction fits the block is the bouncer's decision, not the
 * executor's.
 */
public sealed interface TransactionResult {

    /** Executed: included in the block unless the bouncer says otherwise. */
    record Executed(Receipt receipt, ResourceUsage usage) implements TransactionResult {
        public Executed {
            Objects.requireNonNull(receipt, "receipt");
            Objects.requireNonNull(usage, "usage");
        }
    }

    /** Rejected: the state is exactly as before. */
    record Rejected(Rejection rejection) implements TransactionResult {
        public Rejected {
            Objects.requireNonNull(rejection, "rejection");
        }
    }
}
