package io.vellum.storage;

import io.vellum.blockifier.core.BlockNumber;
import io.vellum.blockifier.crypto.Felt;
import java.util.Objects;

/** The roots of the contracts trie and the classes trie after a block. */
public record TrieRoots(BlockNumber block, Felt contractsRoot, Felt classesRoot) {
    public TrieRoots {
        Objects.requireNonNull(block, "block");
        Objects.requireNonNull(contractsRoot, "contracts root");
        Objects.requireNonNull(classesRoot, "classes root");
    }
}
