package io.vellum.blockifier.state;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A mutable state in memory, for tests, genesis and simulations: a {@link StateReader} that state diffs can be
 * applied to. Not thread-safe; one writer.
 */
public final class InMemoryState implements StateReader {
    private final Map<ContractAddress, Map<StorageKey, Felt>> storage = new HashMap<>();
    private final Map<ContractAddress, Nonce> nonces = new HashMap<>();
    private final Map<ContractAddress, ClassHash> classHashes = new HashMap<>();
    private final Map<ClassHash, CompiledClassHash> compiledClassHashes = new HashMap<>();

    @Override
    public Felt storageAt(ContractAddress contract, StorageKey key) {
        Map<StorageKey, Felt> contractStorage = storage.get(contract);
        if (contractStorage == null) {
            return Felt.ZERO;
        }
        return contractStorage.getOrDefault(key, Felt.ZERO);
    }

    @Override
    public Nonce nonceAt(ContractAddress contract) {
        return nonces.getOrDefault(contract, Nonce.ZERO);
    }

    @Override
    public ClassHash classHashAt(ContractAddress contract) {
        return classHashes.getOrDefault(contract, ClassHash.ZERO);
    }

    @Override
    public Optional<CompiledClassHash> compiledClassHash(ClassHash classHash) {
        return Optional.ofNullable(compiledClassHashes.get(classHash));
    }

    /** Applies a diff: its values replace the current ones (a zero storage value erases the entry). */
    public void apply(StateDiff diff) {
        diff.storageUpdates().forEach((address, updates) -> {
            Map<StorageKey, Felt> contractStorage = storage.computeIfAbsent(address, a -> new HashMap<>());
            updates.forEach((key, value) -> {
                if (value.isZero()) {
                    contractStorage.remove(key);
                } else {
                    contractStorage.put(key, value);
                }
            });
        });
        nonces.putAll(diff.nonces());
        classHashes.putAll(diff.deployedContracts());
        compiledClassHashes.putAll(diff.declaredClasses());
    }

    /** A copy that later changes to either do not affect. */
    public InMemoryState copy() {
        InMemoryState copy = new InMemoryState();
        storage.forEach((address, values) -> copy.storage.put(address, new HashMap<>(values)));
        copy.nonces.putAll(nonces);
        copy.classHashes.putAll(classHashes);
        copy.compiledClassHashes.putAll(compiledClassHashes);
        return copy;
    }
}
