package io.vellum.blockifier.block;

import io.vellum.blockifier.execution.ResourceUsage;
import io.vellum.blockifier.execution.Receipt;
import io.vellum.blockifier.transaction.ExecutableTransaction;
import java.util.Objects;

/**
 * A transaction included in a block (it succeeded or reverted), with its receipt and what it used of the block.
 *
 * @param index its position among the block's included transactions, from 0
 */
public record IncludedTransaction(int index, ExecutableTransaction transaction, Receipt receipt,
        ResourceUsage usage) {
    public IncludedTransaction {
        if (index < 0) {
            throw new IllegalArgumentException("index must not be negative: " + index);
        }
        Objects.requireNonNull(transaction, "transaction");
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(usage, "usage");
        if (!receipt.transactionHash().equals(transaction.hash())) {
            throw new IllegalArgumentException("receipt of " + receipt.transactionHash() + " for transaction "
                    + transaction.hash());
        }
    }
}
