package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link NodeStore} in memory, for tests, simulations and benchmarks. Safe for concurrent reads and writes; it
 * only grows, like any content-addressed store (a node is never replaced by a different one under the same hash).
 */
public final class InMemoryNodeStore implements NodeStore {
    private final Map<Felt, TrieNode> nodes;

    public InMemoryNodeStore() {
        this.nodes = new ConcurrentHashMap<>();
    }

    /** An empty store sized for about {@code expectedNodes} nodes. */
    public InMemoryNodeStore(int expectedNodes) {
        this.nodes = new ConcurrentHashMap<>(Math.max(16, expectedNodes * 4 / 3 + 1));
    }

    @Override
    public Optional<TrieNode> node(Felt hash) {
        return Optional.ofNullable(nodes.get(Objects.requireNonNull(hash, "hash")));
    }

    /** Stores the nodes an update created. */
    public void putAll(Map<Felt, TrieNode> newNodes) {
        newNodes.forEach(this::put);
    }

    /** Stores one node under its hash. */
    public void put(Felt hash, TrieNode node) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(node, "node");
        nodes.putIfAbsent(hash, node);
    }

    public int size() {
        return nodes.size();
    }
}
