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
import java.util.Arrays;
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
 *       0), computed for all touched contracts together in three batched rounds
 *       ({@link StateHashes#contractStateHashes}).</li>
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
    /** Contract leaves per thread below which the leaf hashing stays on one thread (batches need volume). */
    private static final int LEAVES_PER_SLICE_MIN = 64;

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

        int count = contracts.size();
        ClassHash[] classHashes = new ClassHash[count];
        Felt[] storageRoots = new Felt[count];
        Nonce[] nonces = new Nonce[count];
        @SuppressWarnings("unchecked")
        Map<Felt, TrieNode>[] storageNodes = new Map[count];
        WorkSharing.run(parallelism, count, task -> {
            int index = order.get(task);
            ContractAddress contract = contracts.get(index);
            TrieUpdate storage = updateStorage(contract, diff, previousStorageRoots);
            storageRoots[index] = storage.root();
            storageNodes[index] = storage.newNodes();
            classHashes[index] = classHashAfter(contract, diff, stateAfter);
            nonces[index] = nonceAfter(contract, diff, stateAfter);
        });
        Felt[] stateHashes = contractStateHashes(classHashes, storageRoots, nonces);

        Map<Felt, TrieNode> created = new HashMap<>();
        TreeMap<ContractAddress, ContractLeaf> contractLeaves = new TreeMap<>();
        TreeMap<Felt, Felt> contractTrieChanges = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            created.putAll(storageNodes[i]);
            contractLeaves.put(contracts.get(i),
                    new ContractLeaf(classHashes[i], storageRoots[i], nonces[i], stateHashes[i]));
            contractTrieChanges.put(contracts.get(i).value(), stateHashes[i]);
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

    /**
     * The contracts' leaves, {@link StateHashes#contractStateHashes} (three batched rounds), with the contracts
     * cut into one slice per thread when there are enough of them for each slice to batch well.
     */
    private Felt[] contractStateHashes(ClassHash[] classHashes, Felt[] storageRoots, Nonce[] nonces) {
        int count = classHashes.length;
        int slices = Math.max(1, Math.min(parallelism.threads(), count / LEAVES_PER_SLICE_MIN));
        Felt[] stateHashes = new Felt[count];
        WorkSharing.run(parallelism, slices, slice -> {
            int from = (int) ((long) count * slice / slices);
            int to = (int) ((long) count * (slice + 1) / slices);
            Felt[] hashes = StateHashes.contractStateHashes(Arrays.copyOfRange(classHashes, from, to),
                    Arrays.copyOfRange(storageRoots, from, to), Arrays.copyOfRange(nonces, from, to));
            System.arraycopy(hashes, 0, stateHashes, from, to - from);
        });
        return stateHashes;
    }

    /** The class hash after the block, which a deployment or class replacement in the diff must agree with. */
    private static ClassHash classHashAfter(ContractAddress contract, StateDiff diff, StateReader stateAfter) {
        ClassHash classHash = stateAfter.classHashAt(contract);
        ClassHash deployed = diff.deployedContracts().get(contract);
        if (deployed != null && !deployed.equals(classHash)) {
            throw new IllegalArgumentException("the state after the block gives " + contract + " class hash "
                    + classHash + " but the diff deploys " + deployed);
        }
        return classHash;
    }

    /** The nonce after the block, which a nonce set in the diff must agree with. */
    private static Nonce nonceAfter(ContractAddress contract, StateDiff diff, StateReader stateAfter) {
        Nonce nonce = stateAfter.nonceAt(contract);
        Nonce diffNonce = diff.nonces().get(contract);
        if (diffNonce != null && !diffNonce.equals(nonce)) {
            throw new IllegalArgumentException("the state after the block gives " + contract + " nonce " + nonce
                    + " but the diff sets " + diffNonce);
        }
        return nonce;
    }

    private static int storageWrites(StateDiff diff, ContractAddress contract) {
        NavigableMap<StorageKey, Felt> writes = diff.storageUpdates().get(contract);
        return writes == null ? 0 : writes.size();
    }
}
