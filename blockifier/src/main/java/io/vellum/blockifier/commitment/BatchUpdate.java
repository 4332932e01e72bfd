package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One batch of leaf changes applied to one trie: the algorithm behind {@link PatriciaTrie#update}. An instance
 * lives for one call.
 *
 * <h2>Design</h2>
 * The update runs in two phases, so that every hash is computed once and hashes can be done a level at a time.
 *
 * <p><b>Phase 1, structure.</b> A recursive merge walks the old trie and the sorted changes together. At a
 * subtree it receives the old subtree and the contiguous run of changed keys that fall under it (the keys are
 * sorted, so every subtree's keys are a range found by binary search on the branching bit). A subtree with no
 * changes is kept as it is, by hash, without being read. A binary node splits the run between its children. An
 * edge whose path every key in the run follows is descended; otherwise it is split at the first bit where a key
 * leaves it, into a new binary node whose one side is the rest of the old edge. An empty subtree with keys is
 * built from scratch. The result is a tree of <i>pending</i> nodes (new binary nodes and new edges, not hashed
 * yet) over <i>known</i> subtrees (unchanged old nodes and leaves, whose hash is known).
 *
 * <p>Deletions (value 0) keep the trie canonical: a binary node that loses a child becomes an edge of length 1 over
 * the other child, and an edge over an edge is merged into one (paths concatenated, lengths added). This is the
 * only time a node the batch does not otherwise touch is read: the surviving sibling, to learn whether it is an
 * edge. Writing a leaf's current value changes nothing and costs nothing.
 *
 * <p><b>Phase 2, hashing.</b> Edges are hashed only once they are final (an edge that is later extended by a
 * merge is never hashed), and every node on a changed path is hashed exactly once: the top of the tree, shared by
 * many changed keys, once per batch. Pending nodes are ranked by height above the known subtrees (a known subtree
 * has rank 0, a pending node one more than its highest child), and each rank is hashed as one batch of independent
 * pairs — binary H(left, right), edge H(child, path) + length — which {@link TrieHashFunction#hashPairs} may
 * batch further. With {@link Parallelism}, the pending tree is cut below its top into independent subtrees hashed
 * on several threads (see {@link #hashPending}). Nodes are read from the store at most once.
 *
 * <p>Cost: for k random changes in a trie of n random leaves, about k·(log2(n) - log2(k) + 2) + k hashes; the
 * shared top of the tree (about k nodes) is hashed once, not k times.
 */
final class BatchUpdate {
    /** Independent subtrees per thread when hashing is shared, so that uneven subtrees still balance. */
    private static final int TASKS_PER_THREAD = 4;

    private final int height;
    private final TrieHashFunction hashFunction;
    private final NodeStore store;
    private final long[][] keys;
    private final Felt[] values;

    BatchUpdate(int height, TrieHashFunction hashFunction, NodeStore store, long[][] keys, Felt[] values) {
        this.height = height;
        this.hashFunction = hashFunction;
        this.store = store;
        this.keys = keys;
        this.values = values;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Subtrees. Null stands for the empty subtree throughout.

    /** A subtree during the update; {@code hash} is null until phase 2 computes it (known subtrees have it). */
    private abstract static sealed class Subtree permits Known, PendingEdge, PendingBinary {
        Felt hash;
    }

    /** An existing node (read lazily, by hash) or a leaf (depth == height; its hash is its value). */
    private static final class Known extends Subtree {
        final int depth;
        TrieNode node;

        Known(Felt hash, int depth) {
            this.hash = hash;
            this.depth = depth;
        }
    }

    /** A new edge: {@code length} bits of {@code path} (most significant first) leading to {@code child}. */
    private static final class PendingEdge extends Subtree {
        final long[] path;
        final int length;
        final Subtree child;
        Felt pathFelt;

        PendingEdge(long[] path, int length, Subtree child) {
            this.path = path;
            this.length = length;
            this.child = child;
        }
    }

    /** A new binary node. */
    private static final class PendingBinary extends Subtree {
        final Subtree left;
        final Subtree right;

        PendingBinary(Subtree left, Subtree right) {
            this.left = left;
            this.right = right;
        }
    }

    // ---------------------------------------------------------------------------------------------------------

    /** Applies every change to the trie under {@code root}; returns the new root and the nodes created. */
    TrieUpdate apply(Felt root, Parallelism parallelism) {
        Subtree old = root.isZero() ? null : new Known(root, 0);
        Subtree updated = merge(old, 0, 0, keys.length);
        if (updated == null) {
            return new TrieUpdate(Felt.ZERO, Map.of());
        }
        Map<Felt, TrieNode> created = hashPending(updated, parallelism);
        return new TrieUpdate(updated.hash, created);
    }

    /** The subtree at {@code depth} after applying changes [from, to) to {@code old} (null = empty). */
    private Subtree merge(Subtree old, int depth, int from, int to) {
        if (from == to) {
            return old;
        }
        if (old == null) {
            return build(depth, from, to);
        }
        if (depth == height) {
            // A leaf; exactly one change reaches it.
            Felt value = values[from];
            if (value.isZero()) {
                return null;
            }
            return value.equals(old.hash) ? old : new Known(value, height);
        }
        if (old instanceof PendingEdge edge) {
            return mergeEdge(edge, edge.path, edge.length, edge.child, depth, from, to);
        }
        Known known = (Known) old;
        TrieNode node = load(known);
        if (node instanceof BinaryNode binary) {
            int middle = firstWithBit(from, to, height - 1 - depth);
            Known left = new Known(binary.left(), depth + 1);
            Known right = new Known(binary.right(), depth + 1);
            Subtree newLeft = merge(left, depth + 1, from, middle);
            Subtree newRight = merge(right, depth + 1, middle, to);
            if (newLeft == left && newRight == right) {
                return known;
            }
            return combine(newLeft, newRight);
        }
        EdgeNode edge = (EdgeNode) node;
        return mergeEdge(known, KeyBits.of(edge.path()), edge.length(), new Known(edge.child(), depth + edge.length()),
                depth, from, to);
    }

    /** Changes [from, to) applied to an edge at {@code depth} (an old one, or the rest of a split one). */
    private Subtree mergeEdge(Subtree original, long[] path, int length, Subtree child, int depth, int from,
            int to) {
        int top = height - depth;
        // Keys are sorted, so the run's agreement with the path is the lesser of its two ends'.
        int agreed = Math.min(KeyBits.matchingPrefixLength(keys[from], top, path, length),
                KeyBits.matchingPrefixLength(keys[to - 1], top, path, length));
        if (agreed == length) {
            Subtree newChild = merge(child, depth + length, from, to);
            if (newChild == child) {
                return original;
            }
            return prepend(path, length, newChild);
        }
        // Split the edge where the first key leaves it: a branch at depth + agreed.
        int branchDepth = depth + agreed;
        boolean oldBit = KeyBits.bit(path, length - 1 - agreed);
        int restLength = length - agreed - 1;
        Subtree rest = restLength == 0 ? child : new PendingEdge(KeyBits.slice(path, 0, restLength), restLength, child);
        int middle = firstWithBit(from, to, height - 1 - branchDepth);
        Subtree zeroSide;
        Subtree oneSide;
        Subtree oldSide;
        Subtree newSide;
        if (oldBit) {
            zeroSide = newSide = merge(null, branchDepth + 1, from, middle);
            oneSide = oldSide = merge(rest, branchDepth + 1, middle, to);
        } else {
            zeroSide = oldSide = merge(rest, branchDepth + 1, from, middle);
            oneSide = newSide = merge(null, branchDepth + 1, middle, to);
        }
        if (newSide == null && oldSide == rest) {
            return original; // only deletions of absent keys reached this edge
        }
        Subtree branch = combine(zeroSide, oneSide);
        return agreed == 0 ? branch : prepend(KeyBits.slice(path, length - agreed, agreed), agreed, branch);
    }

    /** A subtree built from nothing: changes [from, to) at {@code depth}, zero values skipped. */
    private Subtree build(int depth, int from, int to) {
        while (from < to && values[from].isZero()) {
            from++;
        }
        while (to > from && values[to - 1].isZero()) {
            to--;
        }
        if (from == to) {
            return null;
        }
        if (to - from == 1) {
            Known leaf = new Known(values[from], height);
            int length = height - depth;
            return length == 0 ? leaf : new PendingEdge(KeyBits.slice(keys[from], 0, length), length, leaf);
        }
        int top = height - depth;
        int shared = KeyBits.commonPrefixLength(keys[from], keys[to - 1], top);
        int branchDepth = depth + shared;
        int middle = firstWithBit(from, to, height - 1 - branchDepth);
        Subtree branch = combine(build(branchDepth + 1, from, middle), build(branchDepth + 1, middle, to));
        return shared == 0 ? branch : prepend(KeyBits.slice(keys[from], top - shared, shared), shared, branch);
    }

    /** The node over two new children: a binary node, or an edge of one bit if one side is empty. */
    private Subtree combine(Subtree zeroSide, Subtree oneSide) {
        if (zeroSide == null) {
            return oneSide == null ? null : prepend(KeyBits.singleBit(true), 1, oneSide);
        }
        if (oneSide == null) {
            return prepend(KeyBits.singleBit(false), 1, zeroSide);
        }
        return new PendingBinary(zeroSide, oneSide);
    }

    /** An edge of {@code length} bits over {@code subtree}, merged with it if it is an edge itself. */
    private Subtree prepend(long[] path, int length, Subtree subtree) {
        if (subtree == null) {
            return null;
        }
        if (subtree instanceof PendingEdge edge) {
            return new PendingEdge(KeyBits.concat(path, edge.path, edge.length), length + edge.length, edge.child);
        }
        if (subtree instanceof Known known && known.depth < height && load(known) instanceof EdgeNode edge) {
            return new PendingEdge(KeyBits.concat(path, KeyBits.of(edge.path()), edge.length()),
                    length + edge.length(), new Known(edge.child(), known.depth + edge.length()));
        }
        return new PendingEdge(path, length, subtree);
    }

    /** The first index in [from, to) whose key has {@code bit} set (keys in the range agree above it). */
    private int firstWithBit(int from, int to, int bit) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (KeyBits.bit(keys[middle], bit)) {
                high = middle;
            } else {
                low = middle + 1;
            }
        }
        return low;
    }

    /** Reads a node once, and checks that it fits where it was found. */
    private TrieNode load(Known known) {
        if (known.node == null) {
            TrieNode node = store.node(known.hash).orElseThrow(() -> new IllegalStateException(
                    "trie node " + known.hash.toHex() + " (depth " + known.depth + " of a height-" + height
                            + " trie) is missing from the node store: the store is corrupt or the root is wrong"));
            if (node instanceof EdgeNode edge && known.depth + edge.length() > height) {
                throw new IllegalStateException("trie node " + known.hash.toHex() + " is an edge of length "
                        + edge.length() + " at depth " + known.depth + " of a height-" + height + " trie");
            }
            known.node = node;
        }
        return known.node;
    }

    // ---------------------------------------------------------------------------------------------------------
    // Phase 2.

    /**
     * Hashes every pending node under {@code root}. On one thread, the whole tree at once, rank by rank. With
     * helpers, the tree is cut just below its top into at least {@link #TASKS_PER_THREAD} independent pending
     * subtrees per thread, each hashed rank by rank by whichever thread claims it, and then the few nodes above the
     * cut are hashed on the caller's thread: one synchronisation per update, so a helper the operating system
     * delays holds up the caller at most once.
     */
    private Map<Felt, TrieNode> hashPending(Subtree root, Parallelism parallelism) {
        if (!parallelism.isParallel()) {
            return hashSubtree(root);
        }
        List<Subtree> top = new ArrayList<>();
        List<Subtree> frontier = new ArrayList<>();
        addIfPending(frontier, root); // an unchanged root is known already
        int wanted = parallelism.threads() * TASKS_PER_THREAD;
        while (!frontier.isEmpty() && frontier.size() < wanted) {
            List<Subtree> next = new ArrayList<>();
            for (Subtree subtree : frontier) {
                top.add(subtree);
                if (subtree instanceof PendingBinary binary) {
                    addIfPending(next, binary.left);
                    addIfPending(next, binary.right);
                } else {
                    addIfPending(next, ((PendingEdge) subtree).child);
                }
            }
            frontier = next;
        }
        List<Subtree> tasks = frontier;
        @SuppressWarnings("unchecked")
        Map<Felt, TrieNode>[] parts = new Map[tasks.size()];
        WorkSharing.run(parallelism, tasks.size(), task -> parts[task] = hashSubtree(tasks.get(task)));
        Map<Felt, TrieNode> created = new HashMap<>();
        for (Map<Felt, TrieNode> part : parts) {
            created.putAll(part);
        }
        // Breadth-first from the root, so in reverse every node comes after its children.
        for (int i = top.size() - 1; i >= 0; i--) {
            hashRank(List.of(top.get(i)), created);
        }
        return created;
    }

    private static void addIfPending(List<Subtree> list, Subtree subtree) {
        if (subtree instanceof PendingEdge || subtree instanceof PendingBinary) {
            list.add(subtree);
        }
    }

    /** Hashes every pending node under {@code root}, rank by rank, on the calling thread. */
    private Map<Felt, TrieNode> hashSubtree(Subtree root) {
        List<List<Subtree>> ranks = new ArrayList<>();
        rankOf(root, ranks);
        int count = 0;
        for (List<Subtree> rank : ranks) {
            count += rank.size();
        }
        Map<Felt, TrieNode> created = new HashMap<>(Math.max(16, count * 4 / 3 + 1));
        for (List<Subtree> rank : ranks) {
            hashRank(rank, created);
        }
        return created;
    }

    /**
     * Files each pending node under its rank (a known subtree has rank 0, a pending node one more than its highest
     * child) and returns the rank of {@code subtree}. Recursion depth is bounded by twice the trie height.
     */
    private static int rankOf(Subtree subtree, List<List<Subtree>> ranks) {
        int rank;
        if (subtree instanceof PendingEdge edge) {
            rank = 1 + rankOf(edge.child, ranks);
        } else if (subtree instanceof PendingBinary binary) {
            rank = 1 + Math.max(rankOf(binary.left, ranks), rankOf(binary.right, ranks));
        } else {
            return 0;
        }
        while (ranks.size() < rank) {
            ranks.add(new ArrayList<>());
        }
        ranks.get(rank - 1).add(subtree);
        return rank;
    }

    /** Hashes nodes whose children are all hashed, as one batch of pairs, and records them. */
    private void hashRank(List<Subtree> rank, Map<Felt, TrieNode> created) {
        int count = rank.size();
        Felt[] first = new Felt[count];
        Felt[] second = new Felt[count];
        Felt[] out = new Felt[count];
        for (int i = 0; i < count; i++) {
            Subtree subtree = rank.get(i);
            if (subtree instanceof PendingEdge edge) {
                edge.pathFelt = KeyBits.toFelt(edge.path);
                first[i] = edge.child.hash;
                second[i] = edge.pathFelt;
            } else {
                PendingBinary binary = (PendingBinary) subtree;
                first[i] = binary.left.hash;
                second[i] = binary.right.hash;
            }
        }
        hashFunction.hashPairs(first, second, out, 0, count);
        for (int i = 0; i < count; i++) {
            Subtree subtree = rank.get(i);
            TrieNode node;
            if (subtree instanceof PendingEdge edge) {
                subtree.hash = out[i].add(Felt.of(edge.length));
                node = new EdgeNode(first[i], edge.pathFelt, edge.length);
            } else {
                subtree.hash = out[i];
                node = new BinaryNode(first[i], second[i]);
            }
            created.put(subtree.hash, node);
        }
    }
}
