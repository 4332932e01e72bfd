package io.vellum.blockifier.commitment;

import static org.assertj.core.api.Assertions.assertThat;

import io.vellum.blockifier.crypto.Felt;
import java.math.BigInteger;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Checks a stored trie's structure after a test, independently of the update code (with {@code BigInteger}
 * paths): every node present, every hash matching its content, the trie canonical (no edge leads to an edge, no
 * edge runs past the leaves, every binary child non-empty), no zero leaf. Returns the leaves it holds.
 */
final class TrieValidator {
    private TrieValidator() {
    }

    static SortedMap<Felt, Felt> leaves(NodeStore store, Felt root, int height, TrieHashFunction hash) {
        SortedMap<Felt, Felt> leaves = new TreeMap<>();
        if (!root.isZero()) {
            walk(store, root, 0, BigInteger.ZERO, height, hash, false, leaves);
        }
        return leaves;
    }

    private static void walk(NodeStore store, Felt hash, int depth, BigInteger prefix, int height,
            TrieHashFunction function, boolean parentIsEdge, SortedMap<Felt, Felt> leaves) {
        if (depth == height) {
            assertThat(hash.isZero()).as("zero leaf at " + prefix.toString(16)).isFalse();
            leaves.put(Felt.fromBigInteger(prefix), hash);
            return;
        }
        TrieNode node = store.node(hash).orElseThrow(() -> new AssertionError("missing node " + hash));
        assertThat(function.nodeHash(node)).as("hash of node " + node).isEqualTo(hash);
        if (node instanceof BinaryNode binary) {
            assertThat(binary.left().isZero() || binary.right().isZero()).as("binary with an empty child").isFalse();
            walk(store, binary.left(), depth + 1, prefix.shiftLeft(1), height, function, false, leaves);
            walk(store, binary.right(), depth + 1, prefix.shiftLeft(1).setBit(0), height, function, false, leaves);
        } else {
            EdgeNode edge = (EdgeNode) node;
            assertThat(parentIsEdge).as("edge under an edge: " + edge).isFalse();
            assertThat(depth + edge.length()).as("edge past the leaves: " + edge).isLessThanOrEqualTo(height);
            assertThat(edge.child().isZero()).as("edge to nothing").isFalse();
            BigInteger extended = prefix.shiftLeft(edge.length()).or(edge.path().toBigInteger());
            walk(store, edge.child(), depth + edge.length(), extended, height, function, true, leaves);
        }
    }
}
