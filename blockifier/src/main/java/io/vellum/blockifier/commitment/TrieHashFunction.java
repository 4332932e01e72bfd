package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Poseidon;

/**
 * The hash a trie's inner nodes use. Starknet's storage and contracts tries use {@link #PEDERSEN}; the classes
 * trie and the block's transaction, event and receipt commitment tries (from 0.13.2) use {@link #POSEIDON}, for
 * binary and edge nodes alike.
 *
 * <p>The trie hashes a whole level of independent nodes at once through {@link #hashPairs}, which for
 * {@link #PEDERSEN} is one batched hash ({@link Pedersen#hashBatch}: the level shares its field inversions).
 */
public enum TrieHashFunction {
    PEDERSEN {
        @Override
        public Felt hash(Felt first, Felt second) {
            return Pedersen.hash(first, second);
        }

        /** One {@link Pedersen#hashBatch}: the level's hashes share their field inversions. */
        @Override
        public void hashPairs(Felt[] first, Felt[] second, Felt[] out, int from, int to) {
            Pedersen.hashBatch(first, second, out, from, to);
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
