package io.vellum.blockifier.commitment;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.state.StateReader;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Computes Starknet's state commitment for one block from the previous roots and the block's state diff.
 *
 * <ol>
 *   <li>Every contract the diff touches (storage written, nonce set, deployed or class replaced — system contracts
 *       0x1 and 0x2 included, with class hash 0) gets a new leaf. Its storage trie (height 251, Pedersen) is
 *       updated with the diff's storage writes, from the previous storage root; its class hash and nonce are read
 *       from the state after the block; the leaf is pedersen(pedersen(pedersen(class_hash, storage_root), nonce),
 *       0).</li>
 *   <li>Storage tries are independent, so step 1 runs one task per contract through {@link Parallelism}, largest
 *       first; results are gathered by address, so they are the same whatever the executor.</li>
 *   <li>The contracts trie (height 251, Pedersen) gets the new leaves; the classes trie (height 251, Poseidon) gets
 *       poseidon("CONTRACT_CLASS_LEAF_V0", compiled_class_hash) for each declared class. Deprecated (Cairo 0)
 *       classes do not enter it.</li>
 *   <li>The global root is made of the two roots by the {@link GlobalRootRule}.</li>
 * </ol>
 * Nothing is written: the nodes created are returned for the owner to persist before the next block is committed
 * on top of them.
 */
public final class StateCommitter {
    private final NodeStore store;
    private final Parallelism parallelism;
    private final GlobalRootRule rule;

    public StateCommitter(NodeStore store, Parallelism parallelism, GlobalRootRule rule) {
        this.store = Objects.requireNonNull(store, "store");
        this.parallelism = Objects.requireNonNull(parallelism, "parallelism");
        this.rule = Objects.requireNonNull(rule, "rule");
    }

    /**
     * Commits one block.
     *
     * @param previous             the trie roots before the block
     * @param previousStorageRoots the storage root of each contract before the block
     * @param diff                 the block's state diff
     * @param stateAfter           the state after the block, for the class hash and nonce of touched contracts; it
     *                             must agree with the diff. With a parallel {@link Parallelism} it is read from
     *                             several threads at once, as is the node store.
     */
    public CommittedState commit(StateRoots previous, StorageRootLookup previousStorageRoots, StateDiff diff,
            StateReader stateAfter) {
        Objects.requireNonNull(previous, "previous");
        Objects.requireNonNull(previousStorageRoots, "previousStorageRoots");
        Objects.requireNonNull(diff, "diff");
        Objects.requireNonNull(stateAfter, "stateAfter");

        TreeSet<ContractAddress> touched = new TreeSet<>(diff.storageUpdates().keySet());
        touched.addAll(diff.nonces().keySet());
        touched.addAll(diff.deployedContracts().keySet());
        List<ContractAddress> contracts = new ArrayList<>(touched);
        // Largest storage batches first, so that the longest task starts first; ties by address.
        List<Integer> order = new ArrayList<>(contracts.size());
        for (int i = 0; i < contracts.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingInt((Integer i) -> -storageWrites(diff, contracts.get(i)))
                .thenComparing(i -> i));

        ContractLeaf[] leaves = new ContractLeaf[contracts.size()];
        @SuppressWarnings("unchecked")
        Map<Felt, TrieNode>[] storageNodes = new Map[contracts.size()];
        WorkSharing.run(parallelism, contracts.size(), task -> {
            int index = order.get(task);
            ContractAddress contract = contracts.get(index);
            TrieUpdate storage = updateStorage(contract, diff, previousStorageRoots);
            leaves[index] = leaf(contract, storage.root(), diff, stateAfter);
            storageNodes[index] = storage.newNodes();
        });

        Map<Felt, TrieNode> created = new HashMap<>();
        TreeMap<ContractAddress, ContractLeaf> contractLeaves = new TreeMap<>();
        TreeMap<Felt, Felt> contractTrieChanges = new TreeMap<>();
        for (int i = 0; i < contracts.size(); i++) {
            created.putAll(storageNodes[i]);
            contractLeaves.put(contracts.get(i), leaves[i]);
            contractTrieChanges.put(contracts.get(i).value(), leaves[i].stateHash());
        }
        TrieUpdate contractsTrie = PatriciaTrie.storage(store)
                .update(previous.contractsRoot(), contractTrieChanges, parallelism);
        created.putAll(contractsTrie.newNodes());

        TreeMap<Felt, Felt> classTrieChanges = new TreeMap<>();
        for (Map.Entry<ClassHash, CompiledClassHash> declared : diff.declaredClasses().entrySet()) {
            classTrieChanges.put(declared.getKey().value(), StateHashes.classLeafHash(declared.getValue()));
        }
        TrieUpdate classesTrie = PatriciaTrie.classes(store)
                .update(previous.classesRoot(), classTrieChanges, parallelism);
        created.putAll(classesTrie.newNodes());

        StateRoots roots = new StateRoots(contractsTrie.root(), classesTrie.root());
        return new CommittedState(contractLeaves, roots, roots.globalRoot(rule), created);
    }

    private TrieUpdate updateStorage(ContractAddress contract, StateDiff diff, StorageRootLookup previousRoots) {
        NavigableMap<StorageKey, Felt> writes = diff.storageUpdates().get(contract);
        Felt previousRoot = Objects.requireNonNull(previousRoots.storageRoot(contract),
                () -> "no previous storage root for " + contract);
        if (writes == null) {
            return new TrieUpdate(previousRoot, Map.of());
        }
        TreeMap<Felt, Felt> changes = new TreeMap<>();
        writes.forEach((key, value) -> changes.put(key.value(), value));
        return PatriciaTrie.storage(store).update(previousRoot, changes, parallelism);
    }

    private static ContractLeaf leaf(ContractAddress contract, Felt storageRoot, StateDiff diff,
            StateReader stateAfter) {
        ClassHash classHash = stateAfter.classHashAt(contract);
        Nonce nonce = stateAfter.nonceAt(contract);
        ClassHash deployed = diff.deployedContracts().get(contract);
        if (deployed != null && !deployed.equals(classHash)) {
            throw new IllegalArgumentException("the state after the block gives " + contract + " class hash "
                    + classHash + " but the diff deploys " + deployed);
        }
        Nonce diffNonce = diff.nonces().get(contract);
        if (diffNonce != null && !diffNonce.equals(nonce)) {
            throw new IllegalArgumentException("the state after the block gives " + contract + " nonce " + nonce
                    + " but the diff sets " + diffNonce);
        }
        return new ContractLeaf(classHash, storageRoot, nonce,
                StateHashes.contractStateHash(classHash, storageRoot, nonce));
    }

    private static int storageWrites(StateDiff diff, ContractAddress contract) {
        NavigableMap<StorageKey, Felt> writes = diff.storageUpdates().get(contract);
        return writes == null ? 0 : writes.size();
    }
}
