package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import java.util.Objects;

/** Where a final transaction is: its block and its position (0-based) in that block's execution order. */
public record TransactionLocation(BlockNumber block, int position) {
    public TransactionLocation {
        Objects.requireNonNull(block, "block");
        if (position < 0) {
            throw new IllegalArgumentException("position must not be negative: " + position);
        }
    }
}
