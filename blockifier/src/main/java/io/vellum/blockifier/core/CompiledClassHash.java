package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** The hash of a class's compiled (CASM) form, the leaf value of the classes trie. */
public record CompiledClassHash(Felt value) {
    public CompiledClassHash {
        Objects.requireNonNull(value, "compiled class hash");
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
