package io.vellum.blockifier.commitment;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.CompiledClassHash;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import io.vellum.blockifier.crypto.Pedersen;
import io.vellum.blockifier.crypto.Poseidon;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
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

    /**
     * {@link #contractStateHash} of every entry, as three batched rounds ({@link Pedersen#hashBatch}): the inner
     * hashes of all entries, then the middle ones, then the outer ones, so that each round shares its field
     * inversions. A pair that occurs more than once in a round (contracts of one class with the same storage root
     * and nonce, say) is hashed once. The arrays are parallel and not modified.
     */
    static Felt[] contractStateHashes(ClassHash[] classHashes, Felt[] storageRoots, Nonce[] nonces) {
        int count = classHashes.length;
        if (storageRoots.length != count || nonces.length != count) {
            throw new IllegalArgumentException("contract leaf inputs differ in length: " + count + ", "
                    + storageRoots.length + ", " + nonces.length);
        }
        Felt[] first = new Felt[count];
        Felt[] second = new Felt[count];
        for (int i = 0; i < count; i++) {
            first[i] = Objects.requireNonNull(classHashes[i], "classHash").value();
            second[i] = Objects.requireNonNull(storageRoots[i], "storageRoot");
        }
        Felt[] hashes = hashDistinctPairs(first, second);
        for (int i = 0; i < count; i++) {
            second[i] = Objects.requireNonNull(nonces[i], "nonce").value();
        }
        hashes = hashDistinctPairs(hashes, second);
        Arrays.fill(second, CONTRACT_STATE_VERSION);
        return hashDistinctPairs(hashes, second);
    }

    /** {@code pedersen(first[i], second[i])} for every i, as one batch of the distinct pairs. */
    private static Felt[] hashDistinctPairs(Felt[] first, Felt[] second) {
        int count = first.length;
        Map<Pair, Integer> slots = new HashMap<>(count * 2);
        int[] slotOf = new int[count];
        Felt[] distinctFirst = new Felt[count];
        Felt[] distinctSecond = new Felt[count];
        int distinct = 0;
        for (int i = 0; i < count; i++) {
            Integer slot = slots.putIfAbsent(new Pair(first[i], second[i]), distinct);
            if (slot == null) {
                distinctFirst[distinct] = first[i];
                distinctSecond[distinct] = second[i];
                slot = distinct++;
            }
            slotOf[i] = slot;
        }
        Felt[] distinctHashes = new Felt[count];
        Pedersen.hashBatch(distinctFirst, distinctSecond, distinctHashes, 0, distinct);
        Felt[] hashes = new Felt[count];
        for (int i = 0; i < count; i++) {
            hashes[i] = distinctHashes[slotOf[i]];
        }
        return hashes;
    }

    private record Pair(Felt first, Felt second) {
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
