package io.vellum.blockifier.execution;

import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Selectors;
import io.vellum.blockifier.crypto.StarknetKeccak;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A named storage variable with the Cairo 0 layout: the cell of {@code name(k1, ..., kn)} is
 * {@code pedersen(...pedersen(starknet_keccak(name), k1)..., kn) mod (2^251 - 256)}, exactly
 * {@link Selectors#storageVarAddress}. The keccak of the name is computed once, here; contracts keep their
 * variables in constants and ask their {@link CallContext} for addresses, which memoises the Pedersen part.
 *
 * <p>Immutable and safe to share.
 */
public final class StorageVariable {
    private final String name;
    private final Felt base;
    private final StorageKey baseKey;

    private StorageVariable(String name) {
        this.name = Objects.requireNonNull(name, "name");
        this.base = StarknetKeccak.hash(name.getBytes(StandardCharsets.US_ASCII));
        this.baseKey = new StorageKey(reduce(base));
    }

    /** The variable called {@code name} (ASCII). */
    public static StorageVariable of(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) > 0x7f) {
                throw new IllegalArgumentException("storage variable names are ASCII: '" + name + "'");
            }
        }
        return new StorageVariable(name);
    }

    public String name() {
        return name;
    }

    /** The cell of the variable without keys (a single value). */
    public StorageKey address() {
        return baseKey;
    }

    /** The cell for one key, computed (no memo). */
    public StorageKey address(Felt key) {
        return new StorageKey(reduce(Pedersen.hash(base, key)));
    }

    /** The cell for two keys, computed (no memo). */
    public StorageKey address(Felt firstKey, Felt secondKey) {
        return new StorageKey(reduce(Pedersen.hash(Pedersen.hash(base, firstKey), secondKey)));
    }

    private static Felt reduce(Felt value) {
        // value < p < 2·bound, so one subtraction reduces it.
        return value.compareTo(Selectors.ADDRESS_BOUND) >= 0 ? value.sub(Selectors.ADDRESS_BOUND) : value;
    }

    /** Variables are equal when their names are: the name determines every address. */
    @Override
    public boolean equals(Object other) {
        return other instanceof StorageVariable variable && variable.name.equals(name);
    }

    @Override
    public int hashCode() {
        return base.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
