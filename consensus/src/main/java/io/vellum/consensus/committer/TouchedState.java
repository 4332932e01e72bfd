package io.vellum.consensus.committer;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.core.StorageKey;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.state.StateDiff;
import io.vellum.blockifier.state.StateReader;
import io.vellum.storage.StateView;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The class hash and nonce after a block of every contract the block touched, read once on the committer's
 * thread. The state commitment reads them from its worker threads, and a storage {@link StateView} belongs to one
 * thread; a map does not. Values the diff sets are taken from the diff (they are the values after the block); the
 * rest are read from the state after the block. Nothing else may be asked.
 */
final class TouchedState implements StateReader {
    private final Map<ContractAddress, ClassHash> classHashes;
    private final Map<ContractAddress, Nonce> nonces;

    private TouchedState(Map<ContractAddress, ClassHash> classHashes, Map<ContractAddress, Nonce> nonces) {
        this.classHashes = classHashes;
        this.nonces = nonces;
    }

    /** Every contract whose leaf {@code diff} changes: storage written, nonce set, deployed or class replaced. */
    static Set<ContractAddress> touched(StateDiff diff) {
        TreeSet<ContractAddress> touched = new TreeSet<>(diff.storageUpdates().keySet());
        touched.addAll(diff.nonces().keySet());
        touched.addAll(diff.deployedContracts().keySet());
        return touched;
    }

    static TouchedState read(StateDiff diff, StateView after) {
        Set<ContractAddress> touched = touched(diff);
        Map<ContractAddress, ClassHash> classHashes = new HashMap<>(touched.size() * 2);
        Map<ContractAddress, Nonce> nonces = new HashMap<>(touched.size() * 2);
        for (ContractAddress contract : touched) {
            ClassHash deployed = diff.deployedContracts().get(contract);
            classHashes.put(contract, deployed != null ? deployed : after.classHashAt(contract));
            Nonce nonce = diff.nonces().get(contract);
            nonces.put(contract, nonce != null ? nonce : after.nonceAt(contract));
        }
        return new TouchedState(classHashes, nonces);
    }

    @Override
    public ClassHash classHashAt(ContractAddress contract) {
        return require(classHashes.get(contract), contract);
    }

    @Override
    public Nonce nonceAt(ContractAddress contract) {
        return require(nonces.get(contract), contract);
    }

    @Override
    public Felt storageAt(ContractAddress contract, StorageKey key) {
        throw new UnsupportedOperationException("the committer reads only class hashes and nonces");
    }

    @Override
    public Optional<CompiledClassHash> compiledClassHash(ClassHash classHash) {
        throw new UnsupportedOperationException("the committer reads only class hashes and nonces");
    }

    private static <T> T require(T value, ContractAddress contract) {
        if (value == null) {
            throw new IllegalStateException("the state commitment asked for " + contract
                    + ", which the block did not touch");
        }
        return value;
    }
}
