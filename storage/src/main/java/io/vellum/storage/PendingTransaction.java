package io.vellum.storage;

import io.vellum.blockifier.crypto.Felt;
import java.util.Arrays;
import java.util.Objects;

/**
 * A transaction in the pending queue: its place in log order ({@code sequence}, increasing, never reused), its
 * hash, and its bytes as the log carried them (opaque here). Equality compares the bytes by content.
 */
public record PendingTransaction(long sequence, Felt hash, byte[] transaction) {
    public PendingTransaction {
        if (sequence < 0) {
            throw new IllegalArgumentException("sequence must not be negative: " + sequence);
        }
        Objects.requireNonNull(hash, "hash");
        transaction = transaction.clone();
    }

    @Override
    public byte[] transaction() {
        return transaction.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PendingTransaction other && sequence == other.sequence && hash.equals(other.hash)
                && Arrays.equals(transaction, other.transaction);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sequence, hash, Arrays.hashCode(transaction));
    }

    @Override
    public String toString() {
        return "PendingTransaction[" + sequence + ", " + hash + ", " + transaction.length + " bytes]";
    }
}
