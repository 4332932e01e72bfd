package io.vellum.blockifier.commitment;

/**
 * How the global state root is made of the contracts-trie root and the classes-trie root. In both rules two zero
 * roots give 0.
 */
public enum GlobalRootRule {
    /**
     * Before Starknet v0.14.0: a zero classes root gives the contracts root itself; otherwise
     * poseidon_many(["STARKNET_STATE_V0", contracts_root, classes_root]). Replaying the historical chain needs it.
     */
    PRE_V0_14,
    /** From Starknet v0.14.0, and Vellum's rule: always poseidon_many(["STARKNET_STATE_V0", contracts, classes]). */
    V0_14
}
