package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Poseidon;

/**
 * The hash a trie's inner nodes use. Starknet's storage and contracts tries use {@link #PEDERSEN}; the classes
 * trie and the block's transaction, event and receipt commitment tries (from 0.13.2) use {@link #POSEIDON}, for
 * binary and edge nodes alike.
 *
 * <p>The trie hashes a whole level of independent nodes at once through {@link #hashPairs}, so that a batched
 * hash (one shared field inversion for many Pedersen hashes, say) can be plugged in here without touching the
 * trie.
 */
public enum TrieHashFunction {
    PEDERSEN {
        @Override
        public Felt hash(Felt first, Felt second) {
            return Pedersen.hash(first, second);
        }
    },
    POSEIDON {
        @Override
        public Felt hash(Felt first, Felt second) {
            return Poseidon.hash(first, second);
        }
    };

    /** H(first, second). */
    public abstract Felt hash(Felt first, Felt second);

    /** The hash of an inner node: H(left, right) for a binary node, H(child, path) + length for an edge. */
    public Felt nodeHash(TrieNode node) {
        if (node instanceof BinaryNode binary) {
            return hash(binary.left(), binary.right());
        }
        EdgeNode edge = (EdgeNode) node;
        return hash(edge.child(), edge.path()).add(Felt.of(edge.length()));
    }

    /** {@code out[i] = H(first[i], second[i])} for i in [from, to). */
    public void hashPairs(Felt[] first, Felt[] second, Felt[] out, int from, int to) {
        for (int i = from; i < to; i++) {
            out[i] = hash(first[i], second[i]);
        }
    }
}
