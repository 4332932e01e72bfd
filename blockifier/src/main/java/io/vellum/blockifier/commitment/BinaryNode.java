package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** A node with two non-empty children; its hash is H(left, right). */
public record BinaryNode(Felt left, Felt right) implements TrieNode {
    public BinaryNode {
        Objects.requireNonNull(left, "left");
        Objects.requireNonNull(right, "right");
    }
}
