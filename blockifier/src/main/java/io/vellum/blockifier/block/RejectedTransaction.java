package io.vellum.blockifier.block;

import io.vellum.blockifier.execution.Rejection;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.Objects;

/**
 * A transaction offered to a block and rejected: not included, no state change.
 *
 * @param position how many transactions had been included when it was offered, so that replaying the offers
 *     in the same interleaving reproduces the same rejection against the same state
 */
public record RejectedTransaction(int position, ExecutableTransaction transaction, Rejection rejection) {
    public RejectedTransaction {
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(rejection, "rejection");
    }
}
