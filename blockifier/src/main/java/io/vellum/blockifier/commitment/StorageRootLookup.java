package io.vellum.blockifier.commitment;

import io.vellum.blockifier.core.ContractAddress;
import io.vellum.blockifier.crypto.Felt;

/**
 * The storage-trie root of each contract before a block (0 for a contract with no storage, or none yet). The
 * committer asks only for contracts whose storage the block changes, possibly from several threads at once.
 */
@FunctionalInterface
public interface StorageRootLookup {
    /** Every storage trie empty. */
    StorageRootLookup EMPTY = contract -> Felt.ZERO;

    Felt storageRoot(ContractAddress contract);
}
