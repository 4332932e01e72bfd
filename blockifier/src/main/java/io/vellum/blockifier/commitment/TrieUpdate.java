package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one batch of leaf changes: the new root ({@link Felt#ZERO} for an empty trie) and every node the
 * batch created, by hash. The owner persists {@code newNodes} (the old nodes stay, so the old root remains
 * readable); nodes the update did not change are not repeated here.
 */
public record TrieUpdate(Felt root, Map<Felt, TrieNode> newNodes) {
    public TrieUpdate {
        Objects.requireNonNull(root, "root");
        newNodes = Collections.unmodifiableMap(new HashMap<>(newNodes));
    }
}
