package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;

/** A key of a contract's storage: a felt below 2^251. Ordered numerically. */
public record StorageKey(Felt value) implements Comparable<StorageKey> {
    public StorageKey {
        PatriciaKeys.check(value, "storage key");
    }

    public static StorageKey of(long value) {
        return new StorageKey(Felt.of(value));
    }

    /** The key {@code offset} slots after this one (Cairo stores a u256 at key and key + 1). */
    public StorageKey plus(long offset) {
        return new StorageKey(value.add(Felt.of(offset)));
    }

    @Override
    public int compareTo(StorageKey other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
