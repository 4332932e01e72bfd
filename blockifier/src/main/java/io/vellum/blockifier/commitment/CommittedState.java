package io.vellum.blockifier.commitment;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state commitment after one block: the leaf of every contract the block touched (with its new storage root),
 * the new trie roots, the global root, and every trie node the block created (storage, contracts and classes tries
 * together; nodes are content-addressed, so one map serves them all). The owner persists {@code newNodes} and the
 * new storage roots in the same batch as the block.
 */
public record CommittedState(
        NavigableMap<ContractAddress, ContractLeaf> contracts,
        StateRoots roots,
        Felt globalRoot,
        Map<Felt, TrieNode> newNodes) {

    public CommittedState {
        contracts = Collections.unmodifiableNavigableMap(new TreeMap<>(contracts));
        Objects.requireNonNull(roots, "roots");
        Objects.requireNonNull(globalRoot, "globalRoot");
        newNodes = Collections.unmodifiableMap(new HashMap<>(newNodes));
    }

    /** The new storage root of a contract this block touched; empty if it did not touch it. */
    public Optional<Felt> storageRoot(ContractAddress contract) {
        ContractLeaf leaf = contracts.get(contract);
        return leaf == null ? Optional.empty() : Optional.of(leaf.storageRoot());
    }
}
