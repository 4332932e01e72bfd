package io.vellum.blockifier.commitment;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Poseidon;
import java.util.Objects;

/** The leaf values of the contracts and classes tries, and the global state root made of the two tries. */
public final class StateHashes {
    /** The Poseidon prefix of a classes-trie leaf. */
    public static final Felt CLASS_LEAF_PREFIX = Felt.fromShortString("CONTRACT_CLASS_LEAF_V0");
    /** The Poseidon prefix of the global state root. */
    public static final Felt GLOBAL_ROOT_PREFIX = Felt.fromShortString("STARKNET_STATE_V0");
    /** The contract state hash version, the last Pedersen input. */
    private static final Felt CONTRACT_STATE_VERSION = Felt.ZERO;

    private StateHashes() {
    }

    /**
     * A contracts-trie leaf: pedersen(pedersen(pedersen(class_hash, storage_root), nonce), 0). A system contract
     * (0x1, 0x2) has class hash 0.
     */
    public static Felt contractStateHash(ClassHash classHash, Felt storageRoot, Nonce nonce) {
        Objects.requireNonNull(classHash, "classHash");
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(nonce, "nonce");
        Felt inner = Pedersen.hash(Pedersen.hash(classHash.value(), storageRoot), nonce.value());
        return Pedersen.hash(inner, CONTRACT_STATE_VERSION);
    }

    /** A classes-trie leaf: poseidon("CONTRACT_CLASS_LEAF_V0", compiled_class_hash). */
    public static Felt classLeafHash(CompiledClassHash compiledClassHash) {
        Objects.requireNonNull(compiledClassHash, "compiledClassHash");
        return Poseidon.hash(CLASS_LEAF_PREFIX, compiledClassHash.value());
    }

    /** The global state root under {@code rule}; see {@link GlobalRootRule}. Two zero roots give 0. */
    public static Felt globalRoot(Felt contractsRoot, Felt classesRoot, GlobalRootRule rule) {
        Objects.requireNonNull(contractsRoot, "contractsRoot");
        Objects.requireNonNull(classesRoot, "classesRoot");
        Objects.requireNonNull(rule, "rule");
        if (contractsRoot.isZero() && classesRoot.isZero()) {
            return Felt.ZERO;
        }
        if (rule == GlobalRootRule.PRE_V0_14 && classesRoot.isZero()) {
            return contractsRoot;
        }
        return Poseidon.hashMany(GLOBAL_ROOT_PREFIX, contractsRoot, classesRoot);
    }
}
