package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A memo of storage-variable addresses: a Pedersen hash costs far more than executing a token transfer, and
 * the same few cells (an account's balance, the sequencer's) are addressed again and again.
 *
 * <p>It is a pure cache of a pure function, so it cannot change any result. It is bounded: when it reaches
 * {@link #ENTRIES_MAX} entries it is cleared and refilled. Thread-safe: a node's block producer shares one executor
 * between its build thread and its apply thread (a node that just lost leadership may still be building when it
 * re-executes the next proposer's block).
 */
final class StorageAddressCache {
    /** About 100 bytes per entry: at most some 25 MB. */
    static final int ENTRIES_MAX = 1 << 18;

    private record OneKey(StorageVariable variable, Felt key) {
    }

    private record TwoKeys(StorageVariable variable, Felt firstKey, Felt secondKey) {
    }

    private final ConcurrentHashMap<Object, StorageKey> entries = new ConcurrentHashMap<>();

    StorageKey address(StorageVariable variable, Felt key) {
        OneKey cacheKey = new OneKey(variable, key);
        StorageKey address = entries.get(cacheKey);
        if (address == null) {
            address = variable.address(key);
            put(cacheKey, address);
        }
        return address;
    }

    StorageKey address(StorageVariable variable, Felt firstKey, Felt secondKey) {
        TwoKeys cacheKey = new TwoKeys(variable, firstKey, secondKey);
        StorageKey address = entries.get(cacheKey);
        if (address == null) {
            address = variable.address(firstKey, secondKey);
            put(cacheKey, address);
        }
        return address;
    }

    private void put(Object cacheKey, StorageKey address) {
        if (entries.size() >= ENTRIES_MAX) {
            entries.clear();
        }
        entries.put(cacheKey, address);
    }

    int size() {
        return entries.size();
    }
}
