package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** The selector of a contract entry point: starknet_keccak of its name. */
public record EntryPointSelector(Felt value) {
    public EntryPointSelector {
        Objects.requireNonNull(value, "selector");
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
