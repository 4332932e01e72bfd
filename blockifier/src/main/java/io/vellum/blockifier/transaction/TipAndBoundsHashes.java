package io.vellum.blockifier.transaction;

import io.vellum.blockifier.crypto.Felt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A bounded memo of {@link TransactionHashes#tipAndResourceBoundsHash(Felt, AllResourceBounds)}: the part of a
 * version-3 transaction hash that depends only on the tip and the resource bounds, which the transactions of a
 * workload mostly share. It holds results of a pure function computed in this process, so a hit gives exactly what
 * computing would; nothing in it comes from a peer. At most {@link #ENTRIES_MAX} entries, least recently used out
 * first. Thread-safe: every access holds this object's lock (the work under it is a map lookup; the hash itself is
 * computed outside it).
 */
public final class TipAndBoundsHashes {
    /** Distinct (tip, bounds) pairs kept; a workload typically uses a handful. */
    public static final int ENTRIES_MAX = 256;

    private record Key(Felt tip, AllResourceBounds bounds) {
    }

    /** Guarded by {@code this}. */
    private final Map<Key, Felt> entries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Felt> eldest) {
            return size() > ENTRIES_MAX;
        }
    };

    /** {@code tipAndResourceBoundsHash(tip, bounds)}, from the memo when it holds it. */
    public Felt hash(Felt tip, AllResourceBounds bounds) {
        Key key = new Key(Objects.requireNonNull(tip, "tip"), Objects.requireNonNull(bounds, "bounds"));
        synchronized (this) {
            Felt known = entries.get(key);
            if (known != null) {
                return known;
            }
        }
        Felt computed = TransactionHashes.tipAndResourceBoundsHash(tip, bounds);
        synchronized (this) {
            entries.put(key, computed);
        }
        return computed;
    }

    /** How many pairs the memo holds now (for tests). */
    public synchronized int size() {
        return entries.size();
    }
}
