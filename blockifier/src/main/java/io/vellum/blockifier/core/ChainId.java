package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** A chain identifier: a Cairo short string such as {@code SN_MAIN}, hashed into every transaction. */
public record ChainId(Felt value) {
    public static final ChainId MAINNET = of("SN_MAIN");
    public static final ChainId SEPOLIA = of("SN_SEPOLIA");

    public ChainId {
        Objects.requireNonNull(value, "chain id");
    }

    /** The chain id of a short string (at most 31 ASCII characters). */
    public static ChainId of(String name) {
        return new ChainId(Felt.fromShortString(name));
    }

    /** The short string when the value is printable ASCII, else its hex. */
    @Override
    public String toString() {
        try {
            String text = value.toShortString();
            return text.chars().allMatch(c -> c >= 0x20 && c < 0x7f) ? text : value.toHex();
        } catch (IllegalArgumentException notAShortString) {
            return value.toHex();
        }
    }
}
