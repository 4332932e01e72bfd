package io.vellum.blockifier.state;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.StorageKey;
import java.util.Objects;

/** One storage cell: a key of a contract's storage. Ordered by contract, then key. */
public record StorageSlot(ContractAddress contract, StorageKey key) implements Comparable<StorageSlot> {
    public StorageSlot {
        Objects.requireNonNull(contract, "contract");
        Objects.requireNonNull(key, "key");
    }

    @Override
    public int compareTo(StorageSlot other) {
        int c = contract.compareTo(other.contract);
        return c != 0 ? c : key.compareTo(other.key);
    }
}
