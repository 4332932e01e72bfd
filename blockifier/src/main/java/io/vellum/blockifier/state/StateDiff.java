package io.vellum.blockifier.state;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.util.Collections;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a block (or a transaction) changed: storage values, nonces, contracts deployed (or whose class was
 * replaced) and classes declared. Immutable, with every map sorted by key, so that iteration order — and with it
 * every encoding and commitment — is deterministic. A contract with an empty storage map is not kept.
 */
public record StateDiff(
        NavigableMap<ContractAddress, NavigableMap<StorageKey, Felt>> storageUpdates,
        NavigableMap<ContractAddress, Nonce> nonces,
        NavigableMap<ContractAddress, ClassHash> deployedContracts,
        NavigableMap<ClassHash, CompiledClassHash> declaredClasses) {

    public static final StateDiff EMPTY = new StateDiff(new TreeMap<>(), new TreeMap<>(), new TreeMap<>(),
            new TreeMap<>());

    public StateDiff {
        TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        storageUpdates.forEach((address, updates) -> {
            if (!updates.isEmpty()) {
                storage.put(Objects.requireNonNull(address),
                        Collections.unmodifiableNavigableMap(new TreeMap<>(updates)));
            }
        });
        storageUpdates = Collections.unmodifiableNavigableMap(storage);
        nonces = Collections.unmodifiableNavigableMap(new TreeMap<>(nonces));
        deployedContracts = Collections.unmodifiableNavigableMap(new TreeMap<>(deployedContracts));
        declaredClasses = Collections.unmodifiableNavigableMap(new TreeMap<>(declaredClasses));
    }

    /** The number of storage entries over all contracts. */
    public int storageEntryCount() {
        int count = 0;
        for (Map<StorageKey, Felt> updates : storageUpdates.values()) {
            count += updates.size();
        }
        return count;
    }

    /**
     * Starknet's state-diff length, as the block hash counts it: deployed or replaced contracts, declared
     * classes, nonces, and storage entries.
     */
    public int length() {
        return deployedContracts.size() + declaredClasses.size() + nonces.size() + storageEntryCount();
    }

    public boolean isEmpty() {
        return length() == 0;
    }

    /** This diff followed by {@code later}: later values win. */
    public StateDiff then(StateDiff later) {
        TreeMap<ContractAddress, NavigableMap<StorageKey, Felt>> storage = new TreeMap<>();
        storageUpdates.forEach((address, updates) -> storage.put(address, new TreeMap<>(updates)));
        later.storageUpdates.forEach((address, updates) ->
                storage.computeIfAbsent(address, a -> new TreeMap<>()).putAll(updates));
        TreeMap<ContractAddress, Nonce> mergedNonces = new TreeMap<>(nonces);
        mergedNonces.putAll(later.nonces);
        TreeMap<ContractAddress, ClassHash> mergedDeployed = new TreeMap<>(deployedContracts);
        mergedDeployed.putAll(later.deployedContracts);
        TreeMap<ClassHash, CompiledClassHash> mergedDeclared = new TreeMap<>(declaredClasses);
        mergedDeclared.putAll(later.declaredClasses);
        return new StateDiff(storage, mergedNonces, mergedDeployed, mergedDeclared);
    }
}
