package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/**
 * A path of {@code length} bits (1 to 251) with no branching, leading to {@code child}; {@code path} holds those
 * bits as an integer, most significant first. Its hash is H(child, path) + length (felt addition).
 */
public record EdgeNode(Felt child, Felt path, int length) implements TrieNode {
    public EdgeNode {
        Objects.requireNonNull(child, "child");
        Objects.requireNonNull(path, "path");
        if (length < 1 || length > 251) {
            throw new IllegalArgumentException("edge length must be 1 to 251: " + length);
        }
        if (path.bitLength() > length) {
            throw new IllegalArgumentException("edge path " + path + " does not fit " + length + " bits");
        }
    }
}
