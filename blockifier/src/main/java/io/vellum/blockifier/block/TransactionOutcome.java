package io.vellum.blockifier.block;

import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.Objects;

/** What happened to a transaction offered to a {@link BlockBuilder}: a closed set. */
public sealed interface TransactionOutcome {

    /** The transaction offered. */
    ExecutableTransaction transaction();

    /** Included (succeeded or reverted): it is in the block, with its receipt. */
    record Included(IncludedTransaction included) implements TransactionOutcome {
        public Included {
            Objects.requireNonNull(included, "included");
        }

        @Override
        public ExecutableTransaction transaction() {
            return included.transaction();
        }
    }

    /** Rejected: not in the block, no state change; the reason says why. Drop it from the pending queue. */
    record Rejected(RejectedTransaction rejected) implements TransactionOutcome {
        public Rejected {
            Objects.requireNonNull(rejected, "rejected");
        }

        @Override
        public ExecutableTransaction transaction() {
            return rejected.transaction();
        }
    }

    /**
     * The block is full: the transaction was rolled back and the block closed for {@code reason}. The
     * transaction stays pending, for the next block.
     */
    record DoesNotFit(ExecutableTransaction transaction, BlockCloseReason reason) implements TransactionOutcome {
        public DoesNotFit {
            Objects.requireNonNull(transaction, "transaction");
            Objects.requireNonNull(reason, "reason");
        }
    }
}
