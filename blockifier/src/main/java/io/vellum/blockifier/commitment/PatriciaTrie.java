package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Starknet's binary Patricia-Merkle trie: keys of {@code height} bits (251 for the storage, contracts and classes
 * tries; 64 for the block's commitment tries), one hash function for every inner node.
 *
 * <ul>
 *   <li>A leaf's hash is its value; a zero value is an absent leaf, and the empty trie's root is 0.</li>
 *   <li>A binary node's hash is H(left, right).</li>
 *   <li>An edge node (a run of {@code length} bits with no branching, written {@code path} as an integer, most
 *       significant bit first) has the hash H(child, path) + length, the addition being in the field.</li>
 * </ul>
 * The trie is canonical: no binary node has an empty child and no edge leads to an edge, so a set of leaves has
 * exactly one root whatever the order in which it was built.
 *
 * <p>Nodes are read from a {@link NodeStore} by hash and never changed. {@link #update} applies a batch of leaf
 * changes (one batch per block), rehashing only the paths that changed — each shared node once — and returns the
 * new root with the nodes it created, which the owner persists; see {@link BatchUpdate} for the algorithm. A
 * node missing under a root that should contain it means a corrupt store: an {@link IllegalStateException}
 * naming the hash.
 *
 * <p>Instances are immutable and thread-safe if the store is safe for concurrent reads.
 */
public final class PatriciaTrie {
    /** The height of Starknet's storage, contracts and classes tries. */
    public static final int STATE_TRIE_HEIGHT = 251;
    /** The height of the block's transaction, event and receipt commitment tries. */
    public static final int COMMITMENT_TRIE_HEIGHT = 64;

    private static final NodeStore EMPTY_STORE = hash -> Optional.empty();

    private final int height;
    private final TrieHashFunction hashFunction;
    private final NodeStore store;

    public PatriciaTrie(int height, TrieHashFunction hashFunction, NodeStore store) {
        if (height < 1 || height > STATE_TRIE_HEIGHT) {
            throw new IllegalArgumentException("trie height must be 1 to 251: " + height);
        }
        this.height = height;
        this.hashFunction = Objects.requireNonNull(hashFunction, "hashFunction");
        this.store = Objects.requireNonNull(store, "store");
    }

    /** A height-251 Pedersen trie: a contract's storage, or the contracts trie. */
    public static PatriciaTrie storage(NodeStore store) {
        return new PatriciaTrie(STATE_TRIE_HEIGHT, TrieHashFunction.PEDERSEN, store);
    }

    /** The height-251 Poseidon trie of declared classes. */
    public static PatriciaTrie classes(NodeStore store) {
        return new PatriciaTrie(STATE_TRIE_HEIGHT, TrieHashFunction.POSEIDON, store);
    }

    public int height() {
        return height;
    }

    public TrieHashFunction hashFunction() {
        return hashFunction;
    }

    /**
     * Applies a batch of leaf changes (key to new value; 0 deletes) to the trie under {@code root} (0 = empty), on
     * the caller's thread.
     */
    public TrieUpdate update(Felt root, SortedMap<Felt, Felt> leafChanges) {
        return update(root, leafChanges, Parallelism.SEQUENTIAL);
    }

    /**
     * Applies a batch of leaf changes, hashing each level's independent nodes in parallel where there are enough
     * of them. The result does not depend on {@code parallelism}.
     */
    public TrieUpdate update(Felt root, SortedMap<Felt, Felt> leafChanges, Parallelism parallelism) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(leafChanges, "leafChanges");
        Objects.requireNonNull(parallelism, "parallelism");
        if (leafChanges.comparator() != null) {
            throw new IllegalArgumentException("leaf changes must be in the natural (numeric) order of keys");
        }
        if (leafChanges.isEmpty()) {
            return new TrieUpdate(root, Map.of());
        }
        long[][] keys = new long[leafChanges.size()][];
        Felt[] values = new Felt[leafChanges.size()];
        int index = 0;
        for (Map.Entry<Felt, Felt> change : leafChanges.entrySet()) {
            Felt key = Objects.requireNonNull(change.getKey(), "a key is null");
            checkKey(key);
            keys[index] = KeyBits.of(key);
            values[index] = Objects.requireNonNull(change.getValue(), () -> "the value of key " + key + " is null");
            index++;
        }
        return new BatchUpdate(height, hashFunction, store, keys, values).apply(root, parallelism);
    }

    /** The value of {@code key} in the trie under {@code root}; 0 if absent. */
    public Felt get(Felt root, Felt key) {
        Objects.requireNonNull(root, "root");
        checkKey(Objects.requireNonNull(key, "key"));
        long[] bits = KeyBits.of(key);
        Felt current = root;
        int depth = 0;
        while (depth < height) {
            if (current.isZero()) {
                return Felt.ZERO;
            }
            TrieNode node = read(current, depth);
            if (node instanceof BinaryNode binary) {
                current = KeyBits.bit(bits, height - 1 - depth) ? binary.right() : binary.left();
                depth++;
            } else {
                EdgeNode edge = (EdgeNode) node;
                if (edge.length() > height - depth) {
                    throw new IllegalStateException("trie node " + current.toHex() + " is an edge of length "
                            + edge.length() + " at depth " + depth + " of a height-" + height + " trie");
                }
                long[] path = KeyBits.of(edge.path());
                if (KeyBits.matchingPrefixLength(bits, height - depth, path, edge.length()) < edge.length()) {
                    return Felt.ZERO;
                }
                current = edge.child();
                depth += edge.length();
            }
        }
        return current;
    }

    /** The root of a trie holding exactly these leaves (zero values are absent), built in one pass. */
    public TrieUpdate build(SortedMap<Felt, Felt> leaves) {
        return build(leaves, Parallelism.SEQUENTIAL);
    }

    /** As {@link #build(SortedMap)}, hashing each level in parallel where it is worth it. */
    public TrieUpdate build(SortedMap<Felt, Felt> leaves, Parallelism parallelism) {
        return new PatriciaTrie(height, hashFunction, EMPTY_STORE).update(Felt.ZERO, leaves, parallelism);
    }

    /**
     * The root of a height-{@code height} trie whose leaf {@code i} is {@code values.get(i)}: the form of the
     * block's transaction, event and receipt commitments. No node store is involved.
     */
    public static Felt rootOfSequence(int height, TrieHashFunction hashFunction, List<Felt> values) {
        return rootOfSequence(height, hashFunction, values, Parallelism.SEQUENTIAL);
    }

    /** As {@link #rootOfSequence(int, TrieHashFunction, List)}, hashing each level in parallel where it is worth it. */
    public static Felt rootOfSequence(int height, TrieHashFunction hashFunction, List<Felt> values,
            Parallelism parallelism) {
        Objects.requireNonNull(values, "values");
        if (height < 63 && values.size() > (1L << height)) {
            throw new IllegalArgumentException(values.size() + " leaves do not fit a height-" + height + " trie");
        }
        TreeMap<Felt, Felt> leaves = new TreeMap<>();
        for (int i = 0; i < values.size(); i++) {
            leaves.put(Felt.of(i), Objects.requireNonNull(values.get(i), "a leaf value is null"));
        }
        return new PatriciaTrie(height, hashFunction, EMPTY_STORE).update(Felt.ZERO, leaves, parallelism).root();
    }

    private void checkKey(Felt key) {
        if (key.bitLength() > height) {
            throw new IllegalArgumentException("key " + key.toHex() + " does not fit a height-" + height + " trie");
        }
    }

    private TrieNode read(Felt hash, int depth) {
        return store.node(hash).orElseThrow(() -> new IllegalStateException(
                "trie node " + hash.toHex() + " (depth " + depth + " of a height-" + height
                        + " trie) is missing from the node store: the store is corrupt or the root is wrong"));
    }
}
