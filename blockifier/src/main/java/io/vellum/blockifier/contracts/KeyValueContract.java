package io.vellum.blockifier.contracts;

import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.execution.CallContext;
import io.vellum.blockifier.execution.Calldata;
import io.vellum.blockifier.execution.EntryPoint;
import io.vellum.blockifier.execution.EntryPointType;
import io.vellum.blockifier.execution.NativeContract;
import java.util.List;

/**
 * A key-value writer ({@link VellumClass#KEY_VALUE}): spreads writes over many storage cells, to load the
 * state diff rather than one hot slot.
 *
 * <ul>
 *   <li>{@code write(seed, count)} — for i in [0, count) writes {@code seed + i + 1} to the cell
 *       {@link #slot(Felt, long)} = poseidon(seed, i) reduced below 2^251 - 256; each Poseidon is charged.
 *       {@code count} is at most {@link #WRITES_MAX}. Returns {@code count}.</li>
 *   <li>{@code read(seed, index)} — the value of entry {@code index} of {@code seed}.</li>
 * </ul>
 */
public final class KeyValueContract extends NativeContract {
    /** The most cells one call writes. */
    public static final long WRITES_MAX = 1_000;

    public KeyValueContract() {
        super(VellumClass.KEY_VALUE.classHash(), "KeyValue");
        entryPoints(List.of(
                EntryPoint.of("write", EntryPointType.EXTERNAL, this::write),
                EntryPoint.of("read", EntryPointType.EXTERNAL, this::read)));
    }

    private List<Felt> write(CallContext context, Calldata calldata) {
        Felt seed = calldata.felt();
        long count = calldata.integer("count", WRITES_MAX);
        calldata.end();
        for (long i = 0; i < count; i++) {
            StorageKey slot = reduce(context.poseidon(seed, Felt.of(i)));
            context.storageWrite(slot, seed.add(Felt.of(i + 1)));
        }
        return List.of(Felt.of(count));
    }

    private List<Felt> read(CallContext context, Calldata calldata) {
        Felt seed = calldata.felt();
        long index = calldata.integer("index", Long.MAX_VALUE);
        calldata.end();
        return List.of(context.storageRead(reduce(context.poseidon(seed, Felt.of(index)))));
    }

    /** The cell of entry {@code index} of {@code seed} (for tests and tools; computes the Poseidon hash). */
    public static StorageKey slot(Felt seed, long index) {
        return reduce(io.vellum.blockifier.crypto.Poseidon.hash(seed, Felt.of(index)));
    }

    private static StorageKey reduce(Felt hash) {
        Felt value = hash;
        while (value.compareTo(Selectors.ADDRESS_BOUND) >= 0) {
            value = value.sub(Selectors.ADDRESS_BOUND);
        }
        return new StorageKey(value);
    }
}
