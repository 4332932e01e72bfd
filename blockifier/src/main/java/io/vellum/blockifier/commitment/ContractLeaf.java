package io.vellum.blockifier.commitment;

import io.vellum.blockifier.core.ClassHash;
import io.vellum.blockifier.core.Nonce;
import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/**
 * A contract's entry in the contracts trie after a block: what its leaf is made of, and the leaf itself,
 * {@code stateHash} = {@link StateHashes#contractStateHash}(classHash, storageRoot, nonce).
 */
public record ContractLeaf(ClassHash classHash, Felt storageRoot, Nonce nonce, Felt stateHash) {
    public ContractLeaf {
        Objects.requireNonNull(classHash, "classHash");
        Objects.requireNonNull(storageRoot, "storageRoot");
        Objects.requireNonNull(nonce, "nonce");
        Objects.requireNonNull(stateHash, "stateHash");
    }
}
