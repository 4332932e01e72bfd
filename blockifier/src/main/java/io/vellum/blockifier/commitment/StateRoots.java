package io.vellum.blockifier.commitment;

import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** The roots of the two state tries: contracts (Pedersen) and classes (Poseidon). 0 is an empty trie. */
public record StateRoots(Felt contractsRoot, Felt classesRoot) {
    /** The state before genesis: both tries empty. */
    public static final StateRoots EMPTY = new StateRoots(Felt.ZERO, Felt.ZERO);

    public StateRoots {
        Objects.requireNonNull(contractsRoot, "contractsRoot");
        Objects.requireNonNull(classesRoot, "classesRoot");
    }

    /** The global state root under {@code rule}. */
    public Felt globalRoot(GlobalRootRule rule) {
        return StateHashes.globalRoot(contractsRoot, classesRoot, rule);
    }
}
