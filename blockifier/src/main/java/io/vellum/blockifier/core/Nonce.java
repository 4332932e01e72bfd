package io.vellum.blockifier.core;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** An account's transaction counter. */
public record Nonce(Felt value) implements Comparable<Nonce> {
    public static final Nonce ZERO = new Nonce(Felt.ZERO);

    public Nonce {
        Objects.requireNonNull(value, "nonce");
    }

    public static Nonce of(long value) {
        return new Nonce(Felt.of(value));
    }

    public Nonce next() {
        return new Nonce(value.add(Felt.ONE));
    }

    @Override
    public int compareTo(Nonce other) {
        return value.compareTo(other.value);
    }

    @Override
    public String toString() {
        return value.toHex();
    }
}
