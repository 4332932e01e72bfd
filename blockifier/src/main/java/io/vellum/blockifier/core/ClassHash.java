package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;

/** The hash identifying a contract class; {@link #ZERO} marks an address with nothing deployed. */
public record ClassHash(Felt value) implements Comparable<ClassHash> {
    public static final ClassHash ZERO = new ClassHash(Felt.ZERO);

    public ClassHash {
        PatriciaKeys.check(value, "class hash");
    }

    public static ClassHash of(String hex) {
        return new ClassHash(Felt.fromHex(hex));
    }

    public boolean isZero() {
        return value.isZero();
    }

    @Override
    public int compareTo(ClassHash other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
